// Scenario 3, create: POST /api/v1/clusters end to end (gateway → NATS → provisioning → one
// statement → provisioning job enqueued → reply), against a bare Fastify handler doing the same
// INSERTs (cluster row + outbox row, one statement) and the same BullMQ add in-process.
// Target: ≥ 0.5 × the baseline's rate, no errors.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startBaseline } from '../lib/baseline.mjs';
import { BENCH_TENANTS, ensureTenant, removeClusters } from '../lib/cluster-seed.mjs';
import { comparedRates, describeCpu, describeLoad, measureHttp, summarizeRun } from '../lib/http-load.mjs';
import { benchEnv, startServices } from '../lib/services.mjs';
import { signBenchToken } from '../lib/tokens.mjs';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 3);
/** The baseline's pool: the product's default DB_POOL_SIZE. */
const POOL_SIZE = Number(process.env.BENCH_DB_POOL_SIZE ?? 8);

/** Create requests with names no other request of the run uses (a taken live name is a 409). */
function createRequests(label) {
  const run = randomBytes(3).toString('hex');
  let next = 0;
  return [{
    method: 'POST',
    path: '/api/v1/clusters',
    headers: { 'content-type': 'application/json' },
    setupRequest: (request) => ({ ...request, body: JSON.stringify({ name: `${label}-${run}-${next++}`, version: '2.24' }) }),
  }];
}

async function countReady(db, tenant) {
  const { rows } = await db.query(`SELECT count(*)::int AS created, count(*) FILTER (WHERE phase = 'Ready')::int AS ready FROM clusters WHERE tenant_id = $1`, [tenant.id]);
  return rows[0];
}

export default {
  name: 'create',
  async run({ infra, db, step, ok, progress }) {
    const tenant = BENCH_TENANTS.writer;
    await removeClusters(db, tenant);
    await ensureTenant(db, tenant);
    const env = benchEnv(infra, 'create');
    const token = await signBenchToken(env, tenant, ['editor']);
    const load = { connections: CONNECTIONS, seconds: SECONDS, warmUpSeconds: WARM_UP_SECONDS, database: infra.databaseName, progress, expectStatus: 201 };

    // The product's workers run as they do in production: each created cluster's provisioning
    // job is taken and run during the measurement, on the same cores.
    step(`product: gateway and provisioning, ${CONNECTIONS} connections, ${SECONDS} s`);
    const system = await startServices(['gateway', 'provisioning'], env);
    let product;
    let peakRssMb;
    let provisioned;
    try {
      product = await measureHttp({ ...load, label: 'product', url: system.url('gateway'), headers: { authorization: `Bearer ${token}` }, requests: createRequests('product'), processes: system.services });
      peakRssMb = system.peakRssMb();
      // The jobs share the cores with the creates: how far they kept up by the end of the run.
      provisioned = await countReady(db, tenant);
    } finally {
      await system.stop();
    }
    ok(`product: ${describeLoad(product)}; ${describeCpu(product)}; ${provisioned.ready} of ${provisioned.created} clusters Ready at the end`);

    step(`baseline: bare Fastify + pg (pool ${POOL_SIZE}) + BullMQ add, ${CONNECTIONS} connections, ${SECONDS} s`);
    const baseline = await startBaseline('create', { env, tenant, poolSize: POOL_SIZE });
    let bare;
    try {
      bare = await measureHttp({ ...load, label: 'baseline', url: baseline.url, requests: createRequests('baseline'), processes: [{ name: 'baseline', child: { pid: baseline.pid } }] });
    } finally {
      await baseline.stop();
    }
    ok(`baseline: ${describeLoad(bare)}; ${describeCpu(bare)}`);
    await removeClusters(db, tenant);

    const ratio = product.rate / bare.rate;
    return {
      ...comparedRates('create', 'creates/s', product, bare),
      target: '≥ 0.5 × bare Fastify transaction + BullMQ add, no errors',
      met: ratio >= 0.5 && product.errors === 0 && bare.errors === 0,
      peakRssMb,
      notes: `${CONNECTIONS} connections, ${SECONDS} s each; ${provisioned.ready} of ${provisioned.created} created clusters provisioned (Ready) by the end of the run; ${product.errors} errors (${JSON.stringify(product.statuses)}); baseline p50 ${bare.p50Ms} ms, p99 ${bare.p99Ms} ms; CPU ms per create product ${product.cpuMsPerRequest.total} (provisioning jobs included) vs baseline ${bare.cpuMsPerRequest.total}`,
      details: {
        connections: CONNECTIONS,
        seconds: SECONDS,
        product: summarizeRun(product),
        provisioned,
        baseline: summarizeRun(bare),
        loadAverage: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
      },
    };
  },
};
