import { jobId } from '@clusterplane/contracts';
import type { PrismaService } from '@clusterplane/persistence';
import type { QueueRegistry } from '@clusterplane/queues';

const BATCH = 1_000;

/**
 * Deletes of pools, instances and filesystems requested before `cutoff` and not finished, with
 * their job gone: the finalize job is ensured again. Returns how many were re-added.
 */
export async function ensureStuckResourceDeletions(prisma: PrismaService, queues: QueueRegistry, cutoff: Date): Promise<number> {
  const stale = { deletedAt: null, updatedAt: { lt: cutoff } };
  const pools = await prisma.nodePool.findMany({ where: { ...stale, phase: 'Deleting' }, select: { id: true }, take: BATCH });
  const instances = await prisma.instance.findMany({ where: { ...stale, state: 'deleting' }, select: { id: true }, take: BATCH });
  const filesystems = await prisma.filesystem.findMany({ where: { ...stale, state: 'deleting' }, select: { id: true }, take: BATCH });
  let added = 0;
  for (const p of pools) if (await queues.ensureJob('nodepool.finalize', { nodePoolId: p.id }, { jobId: jobId(p.id, 'finalize') })) added++;
  for (const i of instances) if (await queues.ensureJob('instance.finalize', { instanceId: i.id }, { jobId: jobId(i.id, 'finalize') })) added++;
  for (const f of filesystems) if (await queues.ensureJob('filesystem.finalize', { filesystemId: f.id }, { jobId: jobId(f.id, 'finalize') })) added++;
  return added;
}
