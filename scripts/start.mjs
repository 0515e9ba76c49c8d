#!/usr/bin/env node
// npm start: installs what is missing, finds or starts Postgres, Redis and NATS, migrates,
// builds, starts every service as its own process plus agent-sim with demo clusters, and
// prints how to call the gateway. Ctrl-C stops everything cleanly.
import { parseArgs } from 'node:util';
import { fail, ok, step } from './lib/log.mjs';
import { prepare, ROOT } from './lib/prepare.mjs';
import { startProcess, stopAll, waitUntilReady } from './lib/service-runner.mjs';
import { devSecrets, signToken, tenantIdForSlug } from './lib/token.mjs';

const { values } = parseArgs({ options: { 'demo-clusters': { type: 'string', default: '3' }, 'log-level': { type: 'string', default: 'info' } } });

const SERVICES = [
  { name: 'provisioning', portVar: 'PROVISIONING_HTTP_PORT', port: 3101 },
  { name: 'node-pool', portVar: 'NODE_POOL_HTTP_PORT', port: 3102 },
  { name: 'deletion', portVar: 'DELETION_HTTP_PORT', port: 3103 },
  { name: 'status', portVar: 'STATUS_HTTP_PORT', port: 3104 },
  { name: 'gateway', portVar: 'GATEWAY_PORT', port: Number(process.env.GATEWAY_PORT ?? 3000) },
];
const DEMO_TENANT = 'demo';

async function main() {
  const started = Date.now();
  const database = new URL(process.env.DATABASE_URL ?? 'postgresql://x/clusterplane').pathname.slice(1) || 'clusterplane';
  const infra = await prepare({ purpose: 'dev', database: database === 'postgres' ? 'clusterplane' : database });
  const secrets = devSecrets(ROOT);
  const env = { DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl, NATS_URL: infra.natsUrl, ...secrets, LOG_LEVEL: values['log-level'] };

  step('starting services');
  const processes = SERVICES.map((s) => startProcess({ name: s.name, root: ROOT, entry: `dist/apps/${s.name}/src/main.js`, env: { ...env, [s.portVar]: String(s.port) } }));
  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    step('stopping services');
    await stopAll(processes);
    ok('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  for (const p of processes) {
    void p.exited.then(({ code, signal }) => {
      if (!stopping) {
        fail(`${p.name} exited (${signal ?? code}); see .local/logs/${p.name}.log`);
        void shutdown(1);
      }
    });
  }

  const readiness = await Promise.all(SERVICES.map((s, i) => waitUntilReady(`http://127.0.0.1:${s.port}/readyz`, 60_000, () => processes[i].child.exitCode === null)));
  const notReady = SERVICES.filter((_, i) => !readiness[i]).map((s) => s.name);
  if (notReady.length > 0) {
    fail(`not ready: ${notReady.join(', ')} (logs in .local/logs/)`);
    return shutdown(1);
  }
  const gatewayUrl = `http://127.0.0.1:${SERVICES.at(-1).port}`;
  ok(`all services ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const token = await signToken({ secret: secrets.JWT_SECRET, tenant: DEMO_TENANT, role: 'admin,ops' });
  const demoClusters = Number(values['demo-clusters']);
  if (demoClusters > 0) {
    processes.push(startProcess({ name: 'agent-sim', root: ROOT, entry: 'dist/apps/agent-sim/src/main.js', args: ['--gateway', gatewayUrl, '--token', token, '--clusters', String(demoClusters), '--interval', '10s'], env }));
  }

  process.stdout.write(`
  Clusterplane is running.

  Gateway      ${gatewayUrl}
  Tenant       ${DEMO_TENANT} (id ${tenantIdForSlug(DEMO_TENANT)}), roles admin, ops
  Token        export TOKEN=${token}

  Create a cluster:
    curl -s -X POST ${gatewayUrl}/api/v1/clusters -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"name":"my-first-cluster","version":"2.24"}'
  List clusters:
    curl -s ${gatewayUrl}/api/v1/clusters -H "Authorization: Bearer $TOKEN"

  More tokens: npm run token -- --tenant acme --role viewer     Logs: .local/logs/     Stop: Ctrl-C
\n`);
}

main().catch((error) => {
  fail(error.message);
  process.exit(1);
});
