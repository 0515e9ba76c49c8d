import { Inject, Injectable } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { JobOf } from '@clusterplane/contracts';
import type { Finalizer } from '@clusterplane/domain';
import { OutboxRelayService } from '@clusterplane/messaging';
import { Prisma, PrismaService, updateWithEvent } from '@clusterplane/persistence';
import { LOGGER } from '@clusterplane/platform';
import type { JobHandler, JobOutcome } from '@clusterplane/queues';
import { FINALIZER_STEPS, type FinalizerStep } from '../finalizers/finalizer-step';
import { readFinalizingCluster } from './finalizing-cluster';

/**
 * Clears a gracefully deleted cluster's finalizers in order. Each cleared finalizer is removed
 * from the row at once, so a crash resumes at the next one. A step that must wait moves this
 * job to the delayed set and returns the worker; nothing sleeps while holding a job. The
 * cluster is read once per run: clearing a finalizer returns the ones left.
 */
/** Removes one finalizer and returns those left (a named statement on Prisma's pool, as it runs once per finalizer). */
const CLEAR_FINALIZER = {
  name: 'clear-finalizer',
  text: `UPDATE clusters SET finalizers = array_remove(finalizers, $2), updated_at = now() WHERE id = $1
         RETURNING finalizers, deleted_at IS NOT NULL AS deleted`,
};

const ALREADY_DELETED = 'skipped: the cluster is already deleted (perhaps by a forced delete)';

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
    const cluster = await readFinalizingCluster(this.prisma, clusterId);
    if (!cluster || cluster.deletedAt) return ALREADY_DELETED;
    for (let remaining = cluster.finalizers; ; ) {
      const next = remaining[0] as Finalizer | undefined;
      if (!next) return this.complete(clusterId, cluster.tenantId);

      const step = this.steps.get(next);
      if (!step) throw new Error(`no step for finalizer ${next}`);
      const outcome = await step.run(cluster, new Date());
      if (!outcome.done) {
        this.logger.debug({ clusterId, finalizer: next, reason: outcome.reason }, 'finalizer waiting');
        await job.moveToDelayed(Date.now() + outcome.recheckInMs, token);
        throw new DelayedError();
      }
      const { rows: [left] } = await this.prisma.pool.query<{ finalizers: string[]; deleted: boolean }>({ ...CLEAR_FINALIZER, values: [clusterId, next] });
      if (!left || left.deleted) return ALREADY_DELETED;
      this.logger.info({ clusterId, finalizer: next }, 'finalizer cleared');
      remaining = left.finalizers;
    }
  }

  private async complete(clusterId: string, tenantId: number): Promise<void> {
    const completed = await updateWithEvent(this.prisma, {
      update: Prisma.sql`
        UPDATE clusters SET deleted_at = now(), phase = 'Deleted', updated_at = now()
        WHERE id = ${clusterId}::uuid AND deleted_at IS NULL RETURNING id`,
      event: { type: 'cluster.deleted', tenantId, resourceType: 'cluster', resourceId: clusterId, data: { mode: 'graceful' } },
    });
    if (completed) this.relay.kick();
  }
}
