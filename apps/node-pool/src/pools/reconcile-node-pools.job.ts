import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { jobId } from '@clusterplane/contracts';
import { PrismaService } from '@clusterplane/persistence';
import { APP_CONFIG, LOGGER, type BaseConfig } from '@clusterplane/platform';
import { QueueRegistry, Reconciler } from '@clusterplane/queues';
import { ensureStuckInstanceJobs } from '../instances/stuck-instances';

/** Pools that have not converged on their desired count (and whose cluster is not being deleted). */
@Injectable()
export class ReconcileNodePoolsJob extends Reconciler<'reconcile.node-pools'> {
  readonly job = 'reconcile.node-pools' as const;

  constructor(private readonly prisma: PrismaService, queues: QueueRegistry, @Inject(APP_CONFIG) config: BaseConfig, @Inject(LOGGER) logger: Logger) {
    super(queues, config, logger);
  }

  protected async reconcile(cutoff: Date): Promise<number> {
    const pools = await this.prisma.nodePool.findMany({
      where: { deletedAt: null, phase: { notIn: ['Ready', 'Failed', 'Deleting'] }, updatedAt: { lt: cutoff }, cluster: { deletedAt: null, deleteRequestedAt: null } },
      select: { id: true, generation: true },
      take: 1_000,
    });
    const requeued = await this.ensureAll(pools, (p) => this.queues.ensureJob('nodepool.reconcile', { nodePoolId: p.id, generation: p.generation }, { jobId: jobId(p.id, 'reconcile', p.generation) }));
    return requeued + (await ensureStuckInstanceJobs(this.prisma, this.queues, cutoff));
  }
}
