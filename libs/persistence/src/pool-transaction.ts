import type { Pool, PoolClient } from 'pg';

export interface PoolTransactionOptions {
  /** Postgres cancels a statement of the transaction that runs longer (statement_timeout). */
  statementTimeoutMs: number;
}

/**
 * A transaction on one connection of Prisma's `pg` pool, for writers whose statements carry
 * thousands of rows: an interactive Prisma transaction would process every parameter of every
 * statement in JavaScript first. Commits when `work` resolves, rolls back when it throws.
 */
export async function withPoolTransaction<T>(pool: Pool, options: PoolTransactionOptions, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // One round trip: a simple-protocol query may hold several statements.
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(options.statementTimeoutMs))}`);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    // A connection that could not even roll back is closed, not handed to the next caller.
    client.release(broken);
  }
}
