import { jobId } from '@clusterplane/contracts';
import type { PrismaService } from '@clusterplane/persistence';
import type { QueueRegistry } from '@clusterplane/queues';

const BATCH = 1_000;

/**
 * Fluidstack work of this service stuck since before `cutoff` with its job gone: upgrades
 * (clusters still Updating) and filesystems still being created. Returns how many jobs were re-added.
 */
export async function ensureStuckFluidstackJobs(prisma: PrismaService, queues: QueueRegistry, cutoff: Date): Promise<number> {
  const upgrading = await prisma.cluster.findMany({ where: { phase: 'Updating', deletedAt: null, deleteRequestedAt: null, updatedAt: { lt: cutoff } }, select: { id: true, generation: true }, take: BATCH });
  const filesystems = await prisma.filesystem.findMany({ where: { state: 'creating', deletedAt: null, updatedAt: { lt: cutoff } }, select: { id: true }, take: BATCH });
  let added = 0;
  for (const c of upgrading) if (await queues.ensureJob('cluster.upgrade', { clusterId: c.id, generation: c.generation }, { jobId: jobId(c.id, 'upgrade', c.generation) })) added++;
  for (const f of filesystems) if (await queues.ensureJob('filesystem.provision', { filesystemId: f.id }, { jobId: jobId(f.id, 'provision') })) added++;
  return added;
}
