import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { jobId } from '@clusterplane/contracts';
import { PrismaService } from '@clusterplane/persistence';
import { APP_CONFIG, LOGGER, type BaseConfig } from '@clusterplane/platform';
import { QueueRegistry, Reconciler } from '@clusterplane/queues';
import { ensureStuckFluidstackJobs } from '../fluidstack/stuck-fluidstack-jobs';

const BATCH = 1_000;

/** Clusters stuck in Pending/Provisioning, and Ready managed clusters whose agent was never installed. */
@Injectable()
export class ReconcileProvisioningJob extends Reconciler<'reconcile.provisioning'> {
  readonly job = 'reconcile.provisioning' as const;

  constructor(private readonly prisma: PrismaService, queues: QueueRegistry, @Inject(APP_CONFIG) config: BaseConfig, @Inject(LOGGER) logger: Logger) {
    super(queues, config, logger);
  }

  protected async reconcile(cutoff: Date): Promise<number> {
    const live = { deletedAt: null, deleteRequestedAt: null, updatedAt: { lt: cutoff } };
    const provisioning = await this.prisma.cluster.findMany({ where: { ...live, phase: { in: ['Pending', 'Provisioning'] } }, select: { id: true, generation: true }, take: BATCH });
    const agentless = await this.prisma.cluster.findMany({ where: { ...live, phase: 'Ready', origin: 'managed', agentInstalledAt: null }, select: { id: true, generation: true }, take: BATCH });
    return (
      (await this.ensureAll(provisioning, (c) => this.queues.ensureJob('cluster.provision', { clusterId: c.id, generation: c.generation }, { jobId: jobId(c.id, 'provision', c.generation) }))) +
      (await this.ensureAll(agentless, (c) => this.queues.ensureJob('cluster.ready-check', { clusterId: c.id }, { jobId: jobId(c.id, 'ready-check', c.generation) }))) +
      (await ensureStuckFluidstackJobs(this.prisma, this.queues, cutoff))
    );
  }
}
