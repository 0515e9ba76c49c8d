import type { Pool, PoolClient } from 'pg';
import { withPoolTransaction } from './pool-transaction';

/** A pool of one fake connection that records the SQL it is sent and how it is given back. */
function fakePool(failOn?: RegExp) {
  const sent: string[] = [];
  const released: unknown[] = [];
  const client = {
    query: jest.fn(async (text: string) => {
      sent.push(text);
      if (failOn?.test(text)) throw new Error(`failed: ${text}`);
      return { rows: [] };
    }),
    release: jest.fn((error?: unknown) => released.push(error)),
  } as unknown as PoolClient;
  return { pool: { connect: async () => client } as unknown as Pool, client, sent, released };
}

describe('withPoolTransaction', () => {
  it('begins with the statement timeout, commits after the work and returns its result', async () => {
    const { pool, sent, released } = fakePool();
    const result = await withPoolTransaction(pool, { statementTimeoutMs: 30_000 }, async (client) => {
      await client.query('UPDATE t SET x = 1');
      return 42;
    });
    expect(result).toBe(42);
    expect(sent).toEqual(['BEGIN; SET LOCAL statement_timeout = 30000', 'UPDATE t SET x = 1', 'COMMIT']);
    expect(released).toEqual([undefined]);
  });

  it('rolls back and rethrows when the work fails, and gives the connection back', async () => {
    const { pool, sent, released } = fakePool(/UPDATE/);
    await expect(withPoolTransaction(pool, { statementTimeoutMs: 5_000 }, (client) => client.query('UPDATE t SET x = 1'))).rejects.toThrow('failed: UPDATE');
    expect(sent).toEqual(['BEGIN; SET LOCAL statement_timeout = 5000', 'UPDATE t SET x = 1', 'ROLLBACK']);
    expect(released).toEqual([undefined]);
  });

  it('closes a connection that could not roll back instead of handing it on', async () => {
    const { pool, released } = fakePool(/UPDATE|ROLLBACK/);
    await expect(withPoolTransaction(pool, { statementTimeoutMs: 5_000 }, (client) => client.query('UPDATE t SET x = 1'))).rejects.toThrow('failed: UPDATE');
    expect(released).toHaveLength(1);
    expect(released[0]).toBeInstanceOf(Error);
  });

  it('rolls back when the commit itself fails', async () => {
    const { pool, sent } = fakePool(/COMMIT/);
    await expect(withPoolTransaction(pool, { statementTimeoutMs: 5_000 }, async () => 1)).rejects.toThrow('failed: COMMIT');
    expect(sent.at(-1)).toBe('ROLLBACK');
  });
});
