import { Injectable } from '@nestjs/common';
import { AppError, JOB_QUEUES, QUEUE_NAMES, type JobName, type QueueName } from '@clusterplane/contracts';
import { QueueRegistry } from '@clusterplane/queues';

export const MAX_REPLAY = 1_000;
const RECONCILERS = (Object.keys(JOB_QUEUES) as JobName[]).filter((name) => name.startsWith('reconcile.'));

export interface FailedJobView {
  id: string;
  name: string;
  error: string;
  attempts: number;
  failedAt: string | null;
  data: unknown;
}

/** What operators do with the queues: look, retry one, replay the dead-letter set, reconcile now. */
@Injectable()
export class QueueOperations {
  constructor(private readonly queues: QueueRegistry) {}

  async counts(): Promise<{ queue: QueueName; counts: Record<string, number> }[]> {
    return Promise.all(
      QUEUE_NAMES.map(async (queue) => ({
        queue,
        counts: await this.queues.queue(queue).getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'),
      })),
    );
  }

  async failed(queue: string, limit: number): Promise<FailedJobView[]> {
    const jobs = await this.queues.queue(this.queueName(queue)).getFailed(0, limit - 1);
    return jobs.map((job) => ({
      id: job.id ?? '',
      name: job.name,
      error: job.failedReason ?? '',
      attempts: job.attemptsMade,
      failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      data: job.data,
    }));
  }

  /** Retries one failed job; its handler re-checks the resource, so a stale job is a no-op. */
  async retry(queue: string, jobId: string): Promise<{ retried: string }> {
    const job = await this.queues.queue(this.queueName(queue)).getJob(jobId);
    if (!job) throw AppError.notFound(`job ${jobId} on queue ${queue}`);
    if (!(await job.isFailed())) throw new AppError('failed_precondition', `job ${jobId} is not failed (it is ${await job.getState()})`);
    await job.retry('failed');
    return { retried: jobId };
  }

  /** Replays up to `limit` failed jobs of a queue, oldest first; says how many remain. */
  async replay(queue: string, limit: number): Promise<{ replayed: number; remaining: number }> {
    const bullQueue = this.queues.queue(this.queueName(queue));
    const jobs = await bullQueue.getFailed(0, Math.min(limit, MAX_REPLAY) - 1);
    let replayed = 0;
    for (const job of jobs) {
      // A job retried meanwhile (by another operator) is not failed any more: skip it.
      if (await job.retry('failed').then(() => true, () => false)) replayed++;
    }
    return { replayed, remaining: await bullQueue.getFailedCount() };
  }

  /** Runs every reconciler now instead of at its next period. */
  async reconcileNow(): Promise<{ triggered: string[] }> {
    const stamp = Date.now();
    for (const name of RECONCILERS) await this.queues.enqueue(name, {}, { jobId: `${name}.manual.${stamp}` });
    return { triggered: RECONCILERS };
  }

  private queueName(queue: string): QueueName {
    if (!(QUEUE_NAMES as readonly string[]).includes(queue)) throw AppError.notFound(`queue ${queue} (queues: ${QUEUE_NAMES.join(', ')})`);
    return queue as QueueName;
  }
}
