import type { PrismaService, TransactionClient } from '../prisma.service';
import { appendOutboxEvent, type OutboxEventInput } from './outbox-writer';

/**
 * A conditional change and the event announcing it, in one transaction. `change` applies its
 * guarded update and returns the event, or null when the guard did not hold (someone else got
 * there first, or the resource moved on), in which case nothing is announced. True when it took effect.
 */
export async function changeWithEvent(prisma: PrismaService, change: (tx: TransactionClient) => Promise<OutboxEventInput | null>): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const event = await change(tx);
    if (!event) return false;
    await appendOutboxEvent(tx, event);
    return true;
  });
}
