import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { jobId } from '@clusterplane/contracts';
import { PrismaService } from '@clusterplane/persistence';
import { APP_CONFIG, LOGGER, type BaseConfig } from '@clusterplane/platform';
import { QueueRegistry, Reconciler } from '@clusterplane/queues';
import { ensureStuckResourceDeletions } from '../fluidstack/stuck-deletions';

/** Graceful deletes that have not finished, and orphans not yet collected: a delete never hangs. */
@Injectable()
export class ReconcileDeletionsJob extends Reconciler<'reconcile.deletions'> {
  readonly job = 'reconcile.deletions' as const;

  constructor(private readonly prisma: PrismaService, queues: QueueRegistry, @Inject(APP_CONFIG) config: BaseConfig, @Inject(LOGGER) logger: Logger) {
    super(queues, config, logger);
  }

  protected async reconcile(cutoff: Date): Promise<number> {
    const deleting = await this.prisma.cluster.findMany({ where: { deletedAt: null, deleteRequestedAt: { lt: cutoff } }, select: { id: true }, take: 1_000 });
    const orphaned = await this.prisma.orphanedResource.findMany({ where: { collectedAt: null, createdAt: { lt: cutoff }, clusterId: { not: null } }, select: { clusterId: true }, distinct: ['clusterId'], take: 1_000 });
    return (
      (await this.ensureAll(deleting, (c) => this.queues.ensureJob('cluster.finalize', { clusterId: c.id }, { jobId: jobId(c.id, 'finalize') }))) +
      (await this.ensureAll(orphaned, (o) => this.queues.ensureJob('orphans.collect', { clusterId: o.clusterId! }, { jobId: jobId(o.clusterId!, 'collect-orphans') }))) +
      (await ensureStuckResourceDeletions(this.prisma, this.queues, cutoff))
    );
  }
}
