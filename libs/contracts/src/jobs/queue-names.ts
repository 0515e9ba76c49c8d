/** Queue names are part of the persisted state in Redis: never rename one. */
export const QUEUE_NAMES = ['provisioning', 'node-pool', 'deletion', 'status'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
