import type { QueueName } from './queue-names';

interface JobContext {
  correlationId?: string;
}

/**
 * Job payloads keyed by job name. The names are constants (never derived from class names),
 * because a rename would orphan jobs already queued in Redis.
 */
export interface JobPayloads {
  'cluster.provision': JobContext & { clusterId: string; generation: number };
  'cluster.finalize': JobContext & { clusterId: string };
  'orphans.collect': JobContext & { clusterId: string };
  'status.sweep-liveness': JobContext;
}

export type JobName = keyof JobPayloads;
export type JobOf<N extends JobName> = JobPayloads[N];

/** Which queue carries each job; a job name without a queue does not compile. */
export const JOB_QUEUES: Record<JobName, QueueName> = {
  'cluster.provision': 'provisioning',
  'cluster.finalize': 'deletion',
  'orphans.collect': 'deletion',
  'status.sweep-liveness': 'status',
};
