import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { JOB_QUEUES, type JobName, type QueueName } from '@clusterplane/contracts';
import { APP_CONFIG, type BaseConfig, LOGGER, MetricsRegistry, runWithCorrelation } from '@clusterplane/platform';
import { JOB_HANDLERS, type JobHandler } from './job-handler';
import { QUEUE_SETTINGS } from './queue-settings.constant';
import { createRedisConnection } from './redis-connection';

/**
 * Consumer side: one BullMQ worker per queue this service handles. Start-up fails if a job
 * name on one of those queues has no handler or two, so a job can never sit unprocessed.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly workers: Worker[] = [];
  private readonly byJob: Map<JobName, JobHandler>;

  constructor(
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: MetricsRegistry,
  ) {
    this.byJob = indexHandlers(handlers);
  }

  onApplicationBootstrap(): void {
    for (const queue of new Set([...this.byJob.keys()].map((job) => JOB_QUEUES[job]))) {
      const worker = new Worker(queue, (job, token) => this.process(queue, job, token), {
        connection: createRedisConnection(this.config.redisUrl, `${this.config.service}:worker:${queue}`),
        prefix: this.config.queuePrefix,
        concurrency: QUEUE_SETTINGS[queue].concurrency,
        lockDuration: this.config.jobLockMs,
        stalledInterval: Math.max(1_000, Math.floor(this.config.jobLockMs / 2)),
        maxStalledCount: 3,
      });
      worker.on('failed', (job, error) => void this.onFailed(queue, job, error));
      worker.on('error', (error) => this.logger.error({ err: error, queue }, 'worker error'));
      this.workers.push(worker);
    }
    this.logger.info({ jobs: [...this.byJob.keys()] }, 'job workers started');
  }

  /** Lets active jobs finish (or hands them back as stalled after the lock expires). */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close().catch(() => undefined)));
  }

  private async process(queue: QueueName, job: Job, token?: string): Promise<string | undefined> {
    const handler = this.byJob.get(job.name as JobName);
    if (!handler) throw new Error(`no handler for job ${job.name} on queue ${queue}`);
    return runWithCorrelation(job.data?.correlationId, async () => {
      try {
        const outcome = (await handler.handle(job.data, job, token)) ?? undefined;
        if (outcome?.startsWith('skipped')) this.logger.info({ queue, job: job.name, jobId: job.id, outcome }, 'job had nothing to do');
        this.metrics.jobs.inc({ queue, job: job.name, outcome: outcome?.startsWith('skipped') ? 'skipped' : 'completed' });
        return outcome;
      } catch (error) {
        const outcome = error instanceof DelayedError ? 'delayed' : 'error';
        this.metrics.jobs.inc({ queue, job: job.name, outcome });
        throw error;
      }
    });
  }

  private async onFailed(queue: QueueName, job: Job | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn({ queue, job: job.name, jobId: job.id, attempt: job.attemptsMade, final, err: error }, 'job attempt failed');
    if (!final) return;
    const handler = this.byJob.get(job.name as JobName);
    await runWithCorrelation(job.data?.correlationId, () => handler?.onFinalFailure?.(job.data, error))?.catch((hookError: unknown) =>
      this.logger.error({ err: hookError, jobId: job.id }, 'final-failure hook failed'),
    );
  }
}

function indexHandlers(handlers: JobHandler[]): Map<JobName, JobHandler> {
  const byJob = new Map<JobName, JobHandler>();
  for (const handler of handlers) {
    if (byJob.has(handler.job)) throw new Error(`two handlers registered for job ${handler.job}`);
    byJob.set(handler.job, handler);
  }
  const queues = new Set([...byJob.keys()].map((job) => JOB_QUEUES[job]));
  const missing = (Object.keys(JOB_QUEUES) as JobName[]).filter((job) => queues.has(JOB_QUEUES[job]) && !byJob.has(job));
  if (missing.length > 0) throw new Error(`jobs without a handler on queues this service consumes: ${missing.join(', ')}`);
  return byJob;
}
