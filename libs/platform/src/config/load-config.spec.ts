import { z } from 'zod';
import { baseEnvSchema, toBaseConfig } from './base-config';
import { ConfigError, loadConfig } from './load-config';

const thrown = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
};

describe('loadConfig with the base schema', () => {
  it('applies the defaults to an empty environment', () => {
    expect(loadConfig('gateway', baseEnvSchema, {})).toEqual({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/clusterplane',
      REDIS_URL: 'redis://127.0.0.1:6379',
      NATS_URL: 'nats://127.0.0.1:4222',
      SUBJECT_ROOT: 'clusterplane',
      EVENT_STREAM: 'CLUSTERPLANE_EVENTS',
      QUEUE_PREFIX: '{clusterplane}',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DB_POOL_SIZE: 8,
      JOB_LOCK_MS: 30_000,
      JOB_BACKOFF_MS: undefined,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      EVENT_RETENTION_MS: 7 * 24 * 3600_000,
      EVENT_DUPLICATE_WINDOW_MS: 2 * 3600_000,
      RECONCILE_INTERVAL_MS: 30_000,
      RECONCILE_MIN_AGE_MS: 10_000,
    });
  });

  it('accepts valid values and coerces numbers', () => {
    const env = loadConfig('gateway', baseEnvSchema, {
      DATABASE_URL: 'postgres://u:p@db:5432/cp',
      REDIS_URL: 'rediss://cache:6380',
      NATS_URL: 'tls://nats:4222',
      DB_POOL_SIZE: '16',
      JOB_LOCK_MS: '5000',
      LOG_LEVEL: 'debug',
    });
    expect(env).toMatchObject({ DATABASE_URL: 'postgres://u:p@db:5432/cp', REDIS_URL: 'rediss://cache:6380', NATS_URL: 'tls://nats:4222', DB_POOL_SIZE: 16, JOB_LOCK_MS: 5000, LOG_LEVEL: 'debug' });
  });

  it('rejects a bad DATABASE_URL with a ConfigError naming the variable', () => {
    const error = thrown(() => loadConfig('gateway', baseEnvSchema, { DATABASE_URL: 'mysql://db/cp' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.name).toBe('ConfigError');
    expect(error.message).toBe('gateway: invalid configuration\n  - DATABASE_URL: must be a postgresql:// URL');
  });

  it('lists every problem at once', () => {
    const error = thrown(() =>
      loadConfig('status', baseEnvSchema, { DATABASE_URL: 'mysql://db', REDIS_URL: 'http://cache', DB_POOL_SIZE: '0', LOG_LEVEL: 'verbose', SUBJECT_ROOT: 'Upper' }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('status: invalid configuration');
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'DB_POOL_SIZE', 'LOG_LEVEL', 'SUBJECT_ROOT']) {
      expect(lines.some((line) => line.startsWith(`  - ${name}: `))).toBe(true);
    }
    expect(lines).toHaveLength(6);
  });

  it('names the environment itself for a problem without a path', () => {
    const schema = z.object({}).refine(() => false, 'set A or B');
    expect(thrown(() => loadConfig('x', schema, {})).message).toBe('x: invalid configuration\n  - (env): set A or B');
  });
});

describe('toBaseConfig', () => {
  it('maps the environment into the typed config', () => {
    const env = loadConfig('gateway', baseEnvSchema, { DB_POOL_SIZE: '4' });
    expect(toBaseConfig('gateway', env, 3000)).toEqual({
      service: 'gateway',
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/clusterplane',
      redisUrl: 'redis://127.0.0.1:6379',
      natsUrl: 'nats://127.0.0.1:4222',
      subjectRoot: 'clusterplane',
      eventStream: 'CLUSTERPLANE_EVENTS',
      queuePrefix: '{clusterplane}',
      httpHost: '127.0.0.1',
      httpPort: 3000,
      logLevel: 'info',
      dbPoolSize: 4,
      jobLockMs: 30_000,
      jobBackoffMs: undefined,
      reconcileIntervalMs: 30_000,
      reconcileMinAgeMs: 10_000,
      eventRetentionMs: 7 * 24 * 3600_000,
      eventDuplicateWindowMs: 2 * 3600_000,
      shutdownTimeoutMs: 10_000,
    });
  });
});

describe('empty variables', () => {
  it('treats an empty duration or port as unset, so the default applies', () => {
    const parsed = loadConfig('gateway', baseEnvSchema, { JOB_LOCK_MS: '', SHUTDOWN_TIMEOUT_MS: '' });
    expect(parsed.JOB_LOCK_MS).toBe(30_000);
    expect(parsed.SHUTDOWN_TIMEOUT_MS).toBe(10_000);
  });
});
