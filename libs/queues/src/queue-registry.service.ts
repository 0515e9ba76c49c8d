import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOB_QUEUES, type JobName, type JobOf, type QueueName } from '@clusterplane/contracts';
import { APP_CONFIG, type BaseConfig, currentCorrelationId, HealthRegistry } from '@clusterplane/platform';
import { QUEUE_SETTINGS } from './queue-settings.constant';
import { createRedisConnection } from './redis-connection';

/** How often job schedulers are registered again (see scheduleEvery). */
const SCHEDULE_REFRESH_MS = 30_000;

export interface EnqueueOptions {
  jobId: string;
  delayMs?: number;
}

/** Producer side of the queues: one Queue object per queue, created once and reused. */
@Injectable()
export class QueueRegistry implements OnModuleInit, OnApplicationShutdown {
  readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly schedules = new Map<JobName, () => Promise<void>>();
  private refreshTimer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    private readonly health: HealthRegistry,
  ) {
    this.connection = createRedisConnection(config.redisUrl, `${config.service}:producer`);
  }

  onModuleInit(): void {
    this.health.register({ name: 'redis', check: async () => void (await this.connection.ping()) });
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.config.queuePrefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Adds a job; with a deterministic id an existing job of that id makes this a no-op. */
  async enqueue<N extends JobName>(name: N, data: JobOf<N>, options: EnqueueOptions): Promise<void> {
    const queueName = JOB_QUEUES[name];
    await this.queue(queueName).add(name, { correlationId: currentCorrelationId(), ...data }, jobOptions(queueName, options, this.config.jobBackoffMs));
  }

  /**
   * Runs a delayed job now: the condition its re-check waits for has just come true. A job that
   * is not delayed (running, waiting, finished, or gone) is left alone; the re-check it set
   * when it last ran still comes. Returns whether the job was promoted.
   */
  async promoteDelayed(name: JobName, jobId: string): Promise<boolean> {
    const job = await this.queue(JOB_QUEUES[name]).getJob(jobId);
    if (!job) return false;
    // Checked and moved in one script: BullMQ refuses a job that is no longer delayed.
    return job.promote().then(
      () => true,
      () => false,
    );
  }

  /**
   * Enqueues unless a job with this id is waiting, delayed or running. A finished job of that id
   * (completed, or failed past its retries) is replaced: the caller — the reconciler — has just
   * seen that its resource still needs work. Returns whether a job was added.
   */
  async ensureJob<N extends JobName>(name: N, data: JobOf<N>, options: EnqueueOptions): Promise<boolean> {
    const queue = this.queue(JOB_QUEUES[name]);
    const existing = await queue.getJob(options.jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
      await existing.remove().catch(() => undefined); // taken meanwhile: the add below is then a no-op
    }
    await this.enqueue(name, data, options);
    return true;
  }

  /**
   * A repeating job (BullMQ job scheduler keyed by the job name): however many replicas call
   * this, one job runs per period, and a changed period replaces the old one. Schedules live in
   * Redis, so they are registered again periodically: a Redis that lost its data (FLUSHALL, a
   * restart without persistence) gets them back without anyone restarting a service.
   */
  async scheduleEvery<N extends JobName>(name: N, everyMs: number, data: JobOf<N>): Promise<void> {
    this.schedules.set(name, () => this.upsertSchedule(name, everyMs, data));
    this.refreshTimer ??= setInterval(() => void this.refreshSchedules(), SCHEDULE_REFRESH_MS).unref();
    await this.upsertSchedule(name, everyMs, data);
  }

  private async refreshSchedules(): Promise<void> {
    for (const upsert of this.schedules.values()) await upsert().catch(() => undefined); // Redis down: next round
  }

  private async upsertSchedule<N extends JobName>(name: N, everyMs: number, data: JobOf<N>): Promise<void> {
    const settings = jobOptions(JOB_QUEUES[name], { jobId: name });
    await this.queue(JOB_QUEUES[name]).upsertJobScheduler(name, { every: everyMs }, {
      name,
      data,
      opts: { attempts: settings.attempts, backoff: settings.backoff, removeOnComplete: settings.removeOnComplete, removeOnFail: settings.removeOnFail },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.refreshTimer);
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.connection.disconnect();
  }
}

export function jobOptions(queue: QueueName, options: EnqueueOptions, backoffMs?: number): JobsOptions {
  const settings = QUEUE_SETTINGS[queue];
  return {
    jobId: options.jobId,
    delay: options.delayMs,
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: backoffMs ?? settings.backoffMs },
    removeOnComplete: { age: settings.keepCompletedSeconds },
    removeOnFail: { age: settings.keepFailedSeconds },
  };
}
