import type { QueueName } from '@clusterplane/contracts';

export interface QueueSettings {
  attempts: number;
  backoffMs: number;
  concurrency: number;
  /** Completed jobs are kept briefly: long enough to debug, short enough not to fill Redis. */
  keepCompletedSeconds: number;
  /** Failed jobs are the dead-letter set operators inspect and replay (SPEC section 7). */
  keepFailedSeconds: number;
}

const FOURTEEN_DAYS = 14 * 24 * 3600;

/** Every queue must have settings: a new queue without an entry here does not compile. */
export const QUEUE_SETTINGS: Record<QueueName, Required<QueueSettings>> = {
  provisioning: { attempts: 8, backoffMs: 500, concurrency: 16, keepCompletedSeconds: 3600, keepFailedSeconds: FOURTEEN_DAYS },
  'node-pool': { attempts: 8, backoffMs: 500, concurrency: 16, keepCompletedSeconds: 3600, keepFailedSeconds: FOURTEEN_DAYS },
  deletion: { attempts: 10, backoffMs: 500, concurrency: 16, keepCompletedSeconds: 3600, keepFailedSeconds: FOURTEEN_DAYS },
  status: { attempts: 3, backoffMs: 1000, concurrency: 2, keepCompletedSeconds: 600, keepFailedSeconds: FOURTEEN_DAYS },
};
