// Starts product services for a benchmark from the build (DIST_DIR or dist/), on free loopback
// ports and in a NATS subject root, JetStream stream and queue prefix of their own.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { startProcess, stopAll, waitUntilReady } from '../../scripts/lib/service-runner.mjs';
import { ROOT } from '../../scripts/lib/prepare.mjs';

export const DIST = join(ROOT, process.env.DIST_DIR ?? 'dist');
/** The services may come from another build (BENCH_SERVICES_DIST), to compare two versions under the same load generator. */
const SERVICES_DIST = process.env.BENCH_SERVICES_DIST || DIST;

const PORT_VARIABLE = {
  gateway: 'GATEWAY_PORT',
  provisioning: 'PROVISIONING_HTTP_PORT',
  'node-pool': 'NODE_POOL_HTTP_PORT',
  deletion: 'DELETION_HTTP_PORT',
  status: 'STATUS_HTTP_PORT',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Environment shared by every service of one benchmark run. */
export function benchEnv(infra, label) {
  const id = `${label}${randomBytes(3).toString('hex')}`.toLowerCase().replace(/[^a-z0-9]/g, '');
  return {
    DATABASE_URL: infra.databaseUrl,
    REDIS_URL: infra.redisUrl,
    NATS_URL: infra.natsUrl,
    SUBJECT_ROOT: `bench${id}`,
    EVENT_STREAM: `BENCH_${id.toUpperCase()}_EVENTS`,
    QUEUE_PREFIX: `{bench${id}}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    AGENT_SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    // Benchmarks measure the system, not the per-tenant mutation limit.
    RATE_LIMIT_MUTATIONS_PER_S: '100000',
    RATE_LIMIT_BURST: '100000',
  };
}

/**
 * Starts `names` and waits until each answers /readyz. `serviceEnv` adds variables per service;
 * BENCH_CPU_PROF=<service,…> writes a V8 CPU profile of those services under .local/bench-profiles/;
 * BENCH_NODE_OPTIONS sets NODE_OPTIONS for the services (e.g. heap tuning to compare);
 * BENCH_NODE_ARGS adds node flags NODE_OPTIONS may not carry (e.g. V8's GC flags).
 */
export async function startServices(names, env, serviceEnv = {}) {
  const profiled = new Set((process.env.BENCH_CPU_PROF ?? '').split(',').filter(Boolean));
  const services = [];
  for (const name of names) {
    const port = await freePort();
    const nodeArgs = [
      ...(profiled.has(name) ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, '.local', 'bench-profiles')}`] : []),
      ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ];
    const proc = startProcess({
      name,
      root: ROOT,
      entry: relative(ROOT, join(SERVICES_DIST, 'apps', name, 'src', 'main.js')),
      env: { ...env, ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}), ...(serviceEnv[name] ?? {}), [PORT_VARIABLE[name]]: String(port) },
      minLevel: 'warn',
      logDir: join(ROOT, '.local', 'bench-logs'),
      nodeArgs,
    });
    services.push({ ...proc, port, url: `http://127.0.0.1:${port}` });
  }
  const ready = await Promise.all(services.map((s) => waitUntilReady(`${s.url}/readyz`, 60_000, () => s.child.exitCode === null)));
  const failed = services.filter((_, i) => !ready[i]).map((s) => s.name);
  if (failed.length > 0) {
    await stopAll(services);
    throw new Error(`not ready: ${failed.join(', ')} (logs in .local/bench-logs/)`);
  }
  return {
    services,
    url: (name) => services.find((s) => s.name === name).url,
    /** Peak resident memory (VmHWM) of each service so far, in MiB. */
    peakRssMb: () => Object.fromEntries(services.map((s) => [s.name, peakRssMb(s.child.pid)])),
    /** Stops the services, then removes what they left on the shared NATS and Redis. */
    stop: async () => {
      await stopAll(services);
      await removeLeftovers(env);
    },
  };
}

/** The run's JetStream stream and BullMQ keys (e.g. the job schedulers): nothing else uses them. */
async function removeLeftovers(env) {
  const [{ connect }, { default: Redis }] = await Promise.all([import('nats'), import('ioredis')]);
  const nc = await connect({ servers: env.NATS_URL });
  try {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(env.EVENT_STREAM).catch(() => undefined);
  } finally {
    await nc.close();
  }
  const redis = new Redis(env.REDIS_URL, { lazyConnect: true });
  await redis.connect();
  try {
    for (let cursor = '0'; ; ) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.QUEUE_PREFIX}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      if ((cursor = next) === '0') break;
    }
  } finally {
    redis.disconnect();
  }
}

function peakRssMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
    return Math.round(Number(line.split(/\s+/)[1]) / 1024);
  } catch {
    return null;
  }
}
