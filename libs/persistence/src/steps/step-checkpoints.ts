import type { TransactionClient } from '../prisma.service';

/**
 * Job steps are checkpointed in Postgres: a step is marked done in the same transaction as its
 * effect, so a retried or re-enqueued job skips it instead of doing it twice. Plain SQL: a
 * model upsert costs a transaction of its own and several round trips, on every job's hot path.
 */
export async function isStepDone(tx: TransactionClient, resourceId: string, step: string, generation: number): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM resource_steps WHERE resource_id = ${resourceId}::uuid AND step = ${step} AND generation = ${generation}`;
  return rows.length > 0;
}

/** Marking a step done twice keeps the first mark (and its detail). */
export async function markStepDone(tx: TransactionClient, resourceId: string, step: string, generation: number, detail?: object): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO resource_steps (resource_id, step, generation, detail)
    VALUES (${resourceId}::uuid, ${step}, ${generation}, ${detail === undefined ? null : JSON.stringify(detail)}::jsonb)
    ON CONFLICT (resource_id, step, generation) DO NOTHING`;
}
