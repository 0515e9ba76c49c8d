import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@clusterplane/contracts';
import { canonicalJson } from '@clusterplane/domain';
import type { KeysetCursor } from '@clusterplane/persistence';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const invalidToken = (message: string): AppError => AppError.invalid(message, [{ field: 'pageToken', message }]);

/**
 * Opaque list page tokens (AIP-158): base64url JSON of the keyset cursor and a hash of the
 * request it continues (tenant, filter, orderBy), signed with an HMAC. A token is only valid
 * for the same list; a changed filter or order, or a tampered token, is 400. The page size
 * may change between pages.
 */
export class PageTokenCodec {
  constructor(private readonly key: string) {}

  /** What a token is bound to; equal for requests that mean the same list. */
  static binding(scope: unknown): string {
    return createHash('sha256').update(canonicalJson(scope)).digest('base64url').slice(0, 22);
  }

  encode(cursor: KeysetCursor, binding: string): string {
    const payload = Buffer.from(JSON.stringify({ k: cursor.key, i: cursor.id, b: binding })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  decode(token: string, binding: string): KeysetCursor {
    const [payload, signature, ...rest] = token.split('.');
    if (!payload || !signature || rest.length > 0 || !this.verify(payload, signature)) throw invalidToken('pageToken is not a token this server issued');
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalidToken('pageToken is not a token this server issued');
    }
    const { k, i, b } = (decoded ?? {}) as { k?: unknown; i?: unknown; b?: unknown };
    if (typeof k !== 'string' || typeof i !== 'string' || !UUID_PATTERN.test(i)) throw invalidToken('pageToken is not a token this server issued');
    if (b !== binding) throw invalidToken('pageToken belongs to a list with a different filter or orderBy');
    return { key: k, id: i };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  private verify(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const presented = Buffer.from(signature);
    return expected.length === presented.length && timingSafeEqual(expected, presented);
  }
}
