import { z } from 'zod';

// An empty variable (`JOB_LOCK_MS=`) means "not set": it takes the default instead of 0.
export const unsetIfEmpty = (value: unknown): unknown => (value === '' ? undefined : value);
const port = z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).optional());
const positiveMs = z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).optional());

/** Environment every service reads; each service extends it with its own variables. */
export const baseEnvSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL').default('postgresql://postgres@127.0.0.1:5432/clusterplane'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
  NATS_URL: z.string().regex(/^(nats|tls):\/\//, 'must be a nats:// URL').default('nats://127.0.0.1:4222'),
  /** Subject root; tests use their own so they never meet a running dev stack. */
  SUBJECT_ROOT: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lowercase letters, digits, - and _').default('clusterplane'),
  EVENT_STREAM: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'upper-case letters, digits and _').default('CLUSTERPLANE_EVENTS'),
  /** BullMQ key prefix; braces keep a queue's keys in one Redis Cluster hash slot. */
  QUEUE_PREFIX: z.string().min(1).default('{clusterplane}'),
  HTTP_HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(8),
  /** How long a worker may hold a job before another replica takes it over. */
  JOB_LOCK_MS: positiveMs.default(30_000),
  /** First retry delay of failed jobs (doubling each attempt); unset keeps each queue's own. */
  JOB_BACKOFF_MS: positiveMs,
  SHUTDOWN_TIMEOUT_MS: positiveMs.default(10_000),
  /** How long the event stream keeps events (subscribers can replay that far back). */
  EVENT_RETENTION_MS: positiveMs.default(7 * 24 * 3600_000),
  /** Window in which JetStream drops a re-published event with the same Nats-Msg-Id. */
  EVENT_DUPLICATE_WINDOW_MS: positiveMs.default(2 * 3600_000),
  /** How often each worker service's reconciler looks for resources whose job was lost. */
  RECONCILE_INTERVAL_MS: positiveMs.default(30_000),
  /** A resource untouched for this long in a transitional phase counts as stuck. */
  RECONCILE_MIN_AGE_MS: positiveMs.default(10_000),
});

export interface BaseConfig {
  service: string;
  databaseUrl: string;
  redisUrl: string;
  natsUrl: string;
  subjectRoot: string;
  eventStream: string;
  queuePrefix: string;
  httpHost: string;
  httpPort: number;
  logLevel: string;
  dbPoolSize: number;
  jobLockMs: number;
  jobBackoffMs?: number;
  reconcileIntervalMs: number;
  eventRetentionMs: number;
  eventDuplicateWindowMs: number;
  reconcileMinAgeMs: number;
  shutdownTimeoutMs: number;
}

export function toBaseConfig(service: string, env: z.output<typeof baseEnvSchema>, httpPort: number): BaseConfig {
  return {
    service,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    natsUrl: env.NATS_URL,
    subjectRoot: env.SUBJECT_ROOT,
    eventStream: env.EVENT_STREAM,
    queuePrefix: env.QUEUE_PREFIX,
    httpHost: env.HTTP_HOST,
    httpPort,
    logLevel: env.LOG_LEVEL,
    dbPoolSize: env.DB_POOL_SIZE,
    jobLockMs: env.JOB_LOCK_MS,
    jobBackoffMs: env.JOB_BACKOFF_MS,
    reconcileIntervalMs: env.RECONCILE_INTERVAL_MS,
    eventRetentionMs: env.EVENT_RETENTION_MS,
    eventDuplicateWindowMs: env.EVENT_DUPLICATE_WINDOW_MS,
    reconcileMinAgeMs: env.RECONCILE_MIN_AGE_MS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  };
}

export { port as portSchema, positiveMs as durationMsSchema };
