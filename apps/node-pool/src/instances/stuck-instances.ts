import { jobId } from '@clusterplane/contracts';
import type { PrismaService } from '@clusterplane/persistence';
import type { QueueRegistry } from '@clusterplane/queues';

const BATCH = 1_000;

/**
 * Instances in a passing state since before `cutoff` whose job is gone (a flushed Redis, a lost
 * enqueue): the job of their generation is ensured again. Returns how many were re-added.
 */
export async function ensureStuckInstanceJobs(prisma: PrismaService, queues: QueueRegistry, cutoff: Date): Promise<number> {
  const stuck = await prisma.instance.findMany({
    where: { deletedAt: null, state: { in: ['creating', 'starting', 'stopping'] }, updatedAt: { lt: cutoff } },
    select: { id: true, state: true, generation: true },
    take: BATCH,
  });
  let added = 0;
  for (const { id, state, generation } of stuck) {
    const action = state === 'starting' ? 'start' : 'stop';
    const ensured =
      state === 'creating'
        ? await queues.ensureJob('instance.provision', { instanceId: id, generation }, { jobId: jobId(id, 'provision', generation) })
        : await queues.ensureJob('instance.power', { instanceId: id, generation, action }, { jobId: jobId(id, action, generation) });
    if (ensured) added++;
  }
  return added;
}
