import type { Job } from 'bullmq';
import type { JobName, JobOf } from '@clusterplane/contracts';

/** What a job did, when worth saying: `skipped: cluster deleted` and the like. */
export type JobOutcome = `skipped: ${string}` | `done: ${string}`;

/** A service's handler for one job name; registered by listing it in JOB_HANDLERS. */
export interface JobHandler<N extends JobName = JobName> {
  readonly job: N;
  /** `token` lets a handler re-check later with `job.moveToDelayed` instead of sleeping. */
  /**
   * Returns nothing, or a short note of what happened — a job whose resource moved on says why
   * it did nothing (`skipped: …`), which becomes the job's result for operators to see.
   */
  handle(data: JobOf<N>, job: Job<JobOf<N>>, token?: string): Promise<void | JobOutcome>;
  /** Called once when the last attempt failed: the place to mark the resource Failed. */
  onFinalFailure?(data: JobOf<N>, error: Error): Promise<void>;
}

/** DI token: the array of the service's job handlers. */
export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
