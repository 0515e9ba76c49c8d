import { join } from 'node:path';
import IORedis from 'ioredis';
import { connect } from 'nats';
import { freePort } from './free-port';
import { repoRoot } from './repo-root';
import { ServiceProcess, type ServiceName } from './service-process';
import { isolation, testInfrastructure, type Isolation } from './test-infrastructure';
import { TEST_AGENT_SECRET_KEY, TEST_JWT_SECRET } from './test-tokens';

export const ALL_SERVICES: ServiceName[] = ['provisioning', 'node-pool', 'deletion', 'status', 'gateway'];

export interface TestSystemOptions {
  label: string;
  services?: ServiceName[];
  /** Extra environment for every service. */
  env?: Record<string, string>;
  /** Extra environment for one service. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Run more than one process of a service (default 1 each). */
  replicas?: Partial<Record<ServiceName, number>>;
}

/**
 * The services of the product as separate processes on the real Postgres, Redis and NATS,
 * in their own subject root, stream and queue prefix so test files never meet.
 */
export class TestSystem {
  private constructor(
    readonly isolation: Isolation,
    readonly env: Record<string, string>,
    private readonly processes: Map<ServiceName, ServiceProcess[]>,
  ) {}

  static async start(options: TestSystemOptions): Promise<TestSystem> {
    const infra = testInfrastructure();
    const names = isolation(options.label);
    const env: Record<string, string> = {
      DATABASE_URL: infra.databaseUrl,
      REDIS_URL: infra.redisUrl,
      NATS_URL: infra.natsUrl,
      SUBJECT_ROOT: names.subjectRoot,
      EVENT_STREAM: names.eventStream,
      QUEUE_PREFIX: names.queuePrefix,
      HTTP_HOST: '127.0.0.1',
      JWT_SECRET: TEST_JWT_SECRET,
      AGENT_SECRET_KEY: TEST_AGENT_SECRET_KEY,
      LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'info',
      DB_POOL_SIZE: '4',
      // High enough that tests creating many resources never meet the per-tenant limit.
      RATE_LIMIT_MUTATIONS_PER_S: '1000',
      RATE_LIMIT_BURST: '1000',
      ...(options.env ?? {}),
    };
    const logDir = join(repoRoot(), '.local', 'test-logs', `${options.label}-${process.pid}`);
    const processes = new Map<ServiceName, ServiceProcess[]>();
    for (const name of options.services ?? ALL_SERVICES) {
      const replicas: ServiceProcess[] = [];
      for (let i = 0; i < (options.replicas?.[name] ?? 1); i++) {
        replicas.push(new ServiceProcess(name, await freePort(), { ...env, ...(options.serviceEnv?.[name] ?? {}) }, join(logDir, `replica-${i}`)));
      }
      processes.set(name, replicas);
    }
    const system = new TestSystem(names, env, processes);
    try {
      await Promise.all([...processes.values()].flat().map((p) => p.start()));
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  get gatewayUrl(): string {
    return this.service('gateway').url;
  }

  service(name: ServiceName, replica = 0): ServiceProcess {
    const process = this.processes.get(name)?.[replica];
    if (!process) throw new Error(`${name} (replica ${replica}) is not part of this test system`);
    return process;
  }

  replicas(name: ServiceName): ServiceProcess[] {
    return this.processes.get(name) ?? [];
  }

  /** Stops the services, then removes this test's stream and queue keys from the shared servers. */
  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].flat().map((p) => p.stop()));
    await removeIsolatedState(this.env, this.isolation).catch(() => undefined); // best effort: a dead server has nothing to clean
  }
}

async function removeIsolatedState(env: Record<string, string>, names: Isolation): Promise<void> {
  const nc = await connect({ servers: env['NATS_URL'], reconnect: false, timeout: 2_000 });
  try {
    await (await nc.jetstreamManager()).streams.delete(names.eventStream).catch(() => undefined);
  } finally {
    await nc.close();
  }
  const redis = new IORedis(env['REDIS_URL']!, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${names.queuePrefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
