import type { OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { JobName } from '@clusterplane/contracts';
import type { BaseConfig } from '@clusterplane/platform';
import type { JobHandler } from './job-handler';
import type { QueueRegistry } from './queue-registry.service';

type ReconcileJobName = Extract<JobName, `reconcile.${string}`>;

/**
 * A level-triggered reconciler: every period (and on demand) it compares desired and observed
 * state in Postgres and ensures a job exists for every resource that is stuck. Postgres is the
 * source of truth, so a lost message, a flushed Redis or a killed worker only delays work.
 * Subclasses say what is stuck; deterministic job ids make re-enqueueing idempotent.
 */
export abstract class Reconciler<N extends ReconcileJobName> implements JobHandler<N>, OnApplicationBootstrap {
  abstract readonly job: N;

  protected constructor(
    protected readonly queues: QueueRegistry,
    protected readonly config: BaseConfig,
    protected readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.scheduleEvery(this.job, this.config.reconcileIntervalMs, {} as never);
  }

  async handle(): Promise<void> {
    const cutoff = new Date(Date.now() - this.config.reconcileMinAgeMs);
    const requeued = await this.reconcile(cutoff);
    if (requeued > 0) this.logger.warn({ reconciler: this.job, requeued }, 'reconciler re-enqueued lost work');
  }

  /** Ensures jobs for resources stuck since before `cutoff`; returns how many were (re-)added. */
  protected abstract reconcile(cutoff: Date): Promise<number>;

  /** Runs `ensure` for each item and counts the jobs actually added. */
  protected async ensureAll<T>(items: T[], ensure: (item: T) => Promise<boolean>): Promise<number> {
    let added = 0;
    for (const item of items) if (await ensure(item)) added++;
    return added;
  }
}
