import type { TransactionClient } from '../prisma.service';

/**
 * Job steps are checkpointed in Postgres: a step is marked done in the same transaction as its
 * effect, so a retried or re-enqueued job skips it instead of doing it twice.
 */
export async function isStepDone(tx: TransactionClient, resourceId: string, step: string, generation: number): Promise<boolean> {
  const row = await tx.resourceStep.findUnique({ where: { resourceId_step_generation: { resourceId, step, generation } } });
  return row !== null;
}

export async function markStepDone(tx: TransactionClient, resourceId: string, step: string, generation: number, detail?: object): Promise<void> {
  await tx.resourceStep.upsert({
    where: { resourceId_step_generation: { resourceId, step, generation } },
    create: { resourceId, step, generation, detail },
    update: {},
  });
}
