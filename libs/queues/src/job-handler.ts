import type { Job } from 'bullmq';
import type { JobName, JobOf } from '@clusterplane/contracts';

/** A service's handler for one job name; registered by listing it in JOB_HANDLERS. */
export interface JobHandler<N extends JobName = JobName> {
  readonly job: N;
  /** `token` lets a handler re-check later with `job.moveToDelayed` instead of sleeping. */
  handle(data: JobOf<N>, job: Job<JobOf<N>>, token?: string): Promise<void>;
  /** Called once when the last attempt failed: the place to mark the resource Failed. */
  onFinalFailure?(data: JobOf<N>, error: Error): Promise<void>;
}

/** DI token: the array of the service's job handlers. */
export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
