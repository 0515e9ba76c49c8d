// Starts the bare-Fastify baseline (baseline-server.mjs) as a child process; see there.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DIST } from './services.mjs';

const SERVER = fileURLToPath(new URL('./baseline-server.mjs', import.meta.url));

/** `kind` read or create; `env` the run's benchEnv (same database, Redis and queue prefix as the product). */
export async function startBaseline(kind, { env, tenant, poolSize }) {
  const child = fork(SERVER, [], {
    env: { ...process.env, BASELINE: kind, DATABASE_URL: env.DATABASE_URL, REDIS_URL: env.REDIS_URL, QUEUE_PREFIX: env.QUEUE_PREFIX.replace('}', '-baseline}'), DB_POOL_SIZE: String(poolSize), TENANT_ID: String(tenant.id), DIST },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const port = await new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`baseline server exited (${code}) before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
