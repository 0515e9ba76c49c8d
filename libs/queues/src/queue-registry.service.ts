import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOB_QUEUES, type JobName, type JobOf, type QueueName } from '@clusterplane/contracts';
import { APP_CONFIG, type BaseConfig, currentCorrelationId, HealthRegistry } from '@clusterplane/platform';
import { QUEUE_SETTINGS } from './queue-settings.constant';
import { createRedisConnection } from './redis-connection';

export interface EnqueueOptions {
  jobId: string;
  delayMs?: number;
}

/** Producer side of the queues: one Queue object per queue, created once and reused. */
@Injectable()
export class QueueRegistry implements OnModuleInit, OnApplicationShutdown {
  readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();

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
    await this.queue(queueName).add(name, { correlationId: currentCorrelationId(), ...data }, jobOptions(queueName, options));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.connection.disconnect();
  }
}

export function jobOptions(queue: QueueName, options: EnqueueOptions): JobsOptions {
  const settings = QUEUE_SETTINGS[queue];
  return {
    jobId: options.jobId,
    delay: options.delayMs,
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs },
    removeOnComplete: { age: settings.keepCompletedSeconds },
    removeOnFail: { age: settings.keepFailedSeconds },
  };
}
