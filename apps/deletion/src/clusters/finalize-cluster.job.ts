import { Inject, Injectable } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { JobOf } from '@clusterplane/contracts';
import type { Finalizer } from '@clusterplane/domain';
import { OutboxRelayService } from '@clusterplane/messaging';
import { appendOutboxEvent, PrismaService } from '@clusterplane/persistence';
import { LOGGER } from '@clusterplane/platform';
import type { JobHandler, JobOutcome } from '@clusterplane/queues';
import { FINALIZER_STEPS, type FinalizerStep } from '../finalizers/finalizer-step';

/**
 * Clears a gracefully deleted cluster's finalizers in order. Each cleared finalizer is removed
 * from the row at once, so a crash resumes at the next one. A step that must wait moves this
 * job to the delayed set and returns the worker; nothing sleeps while holding a job.
 */
@Injectable()
export class FinalizeClusterJob implements JobHandler<'cluster.finalize'> {
  readonly job = 'cluster.finalize' as const;
  private readonly steps: Map<Finalizer, FinalizerStep>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    @Inject(FINALIZER_STEPS) steps: FinalizerStep[],
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.steps = new Map(steps.map((s) => [s.finalizer, s]));
  }

  async handle({ clusterId }: JobOf<'cluster.finalize'>, job: Job, token?: string): Promise<JobOutcome | void> {
    for (;;) {
      const cluster = await this.prisma.cluster.findUnique({ where: { id: clusterId } });
      if (!cluster || cluster.deletedAt) return 'skipped: the cluster is already deleted (perhaps by a forced delete)';
      const next = cluster.finalizers[0] as Finalizer | undefined;
      if (!next) return this.complete(clusterId, cluster.tenantId);

      const step = this.steps.get(next);
      if (!step) throw new Error(`no step for finalizer ${next}`);
      const outcome = await step.run(cluster, new Date());
      if (!outcome.done) {
        this.logger.debug({ clusterId, finalizer: next, reason: outcome.reason }, 'finalizer waiting');
        await job.moveToDelayed(Date.now() + outcome.recheckInMs, token);
        throw new DelayedError();
      }
      await this.prisma.$executeRaw`UPDATE clusters SET finalizers = array_remove(finalizers, ${next}), updated_at = now() WHERE id = ${clusterId}::uuid`;
      this.logger.info({ clusterId, finalizer: next }, 'finalizer cleared');
    }
  }

  private async complete(clusterId: string, tenantId: number): Promise<void> {
    const completed = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.cluster.updateMany({ where: { id: clusterId, deletedAt: null }, data: { deletedAt: new Date(), phase: 'Deleted' } });
      if (count === 0) return false;
      await appendOutboxEvent(tx, { type: 'cluster.deleted', tenantId, resourceType: 'cluster', resourceId: clusterId, data: { mode: 'graceful' } });
      return true;
    });
    if (completed) this.relay.kick();
  }
}
