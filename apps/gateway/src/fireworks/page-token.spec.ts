import { AppError } from '@clusterplane/contracts';
import { PageTokenCodec } from './page-token';

const KEY = 'page-token-key-that-is-long-enough-0123456789';
const cursor = { key: '2025-01-01T00:00:01.000Z', id: '3f2b8c1e-0000-4000-8000-000000000001' };

const thrown = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a throw');
};

describe('PageTokenCodec', () => {
  const codec = new PageTokenCodec(KEY);
  const binding = PageTokenCodec.binding({ tenant: 7, terms: [], order: { field: 'name', direction: 'asc' } });

  it('round-trips a cursor for the same list', () => {
    expect(codec.decode(codec.encode(cursor, binding), binding)).toEqual(cursor);
  });

  it('binds equal lists equally whatever the key order, and different lists differently', () => {
    expect(PageTokenCodec.binding({ a: 1, b: [1, 2] })).toBe(PageTokenCodec.binding({ b: [1, 2], a: 1 }));
    expect(PageTokenCodec.binding({ tenant: 7, order: 'name' })).not.toBe(PageTokenCodec.binding({ tenant: 8, order: 'name' }));
  });

  it('refuses a token of another list with 400 on pageToken', () => {
    const other = PageTokenCodec.binding({ tenant: 7, terms: [{ field: 'state', operator: '=', value: 'READY' }], order: { field: 'name', direction: 'asc' } });
    const error = thrown(() => codec.decode(codec.encode(cursor, binding), other));
    expect(error).toMatchObject({ code: 'invalid_argument', httpStatus: 400, details: [{ field: 'pageToken' }] });
    expect(error.message).toContain('different filter or orderBy');
  });

  it('refuses a tampered payload, a token signed with another key, and garbage', () => {
    const token = codec.encode(cursor, binding);
    const [payload, signature] = token.split('.');
    const tampered = Buffer.from(JSON.stringify({ k: 'zzz', i: cursor.id, b: binding })).toString('base64url');
    for (const bad of [`${tampered}.${signature}`, new PageTokenCodec(`${KEY}x`).encode(cursor, binding), 'garbage', `${payload}`, `${payload}.${signature}.x`, '.']) {
      expect(thrown(() => codec.decode(bad, binding)).message).toBe('pageToken is not a token this server issued');
    }
  });

  it('refuses a correctly signed token whose cursor is malformed', () => {
    const payload = Buffer.from(JSON.stringify({ k: 1, i: 'not-a-uuid', b: binding })).toString('base64url');
    const signature = (codec as unknown as { sign(p: string): string }).sign(payload);
    expect(thrown(() => codec.decode(`${payload}.${signature}`, binding)).message).toBe('pageToken is not a token this server issued');
  });
});
