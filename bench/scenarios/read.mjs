// Scenario 1, read: GET /api/v1/clusters/{uuid} with a bearer token, 100 000 clusters in the
// database, 50 connections, against a bare Fastify server doing the same primary-key query
// through `pg`. Target: ≥ 0.7 × the baseline's requests/s and p99 ≤ 15 ms.
import { readFileSync } from 'node:fs';
import { startBaseline } from '../lib/baseline.mjs';
import { BENCH_TENANTS, ensureClusters, sampleClusters } from '../lib/cluster-seed.mjs';
import { comparedRates, describeCpu, describeLoad, measureHttp, summarizeRun } from '../lib/http-load.mjs';
import { benchEnv, startServices } from '../lib/services.mjs';
import { signBenchToken } from '../lib/tokens.mjs';

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 3);
/** The baseline's pool: the product's default DB_POOL_SIZE, so both have as many connections. */
const POOL_SIZE = Number(process.env.BENCH_DB_POOL_SIZE ?? 8);
const SAMPLED_IDS = 10_000;

export default {
  name: 'read',
  async run({ infra, db, step, ok, progress }) {
    const tenant = BENCH_TENANTS.large;
    step(`seeding ${CLUSTERS.toLocaleString('en-US')} clusters`);
    const seeded = await ensureClusters(db, tenant, CLUSTERS);
    const ids = (await sampleClusters(db, tenant, SAMPLED_IDS)).map((c) => c.id);
    ok(`${seeded.added} clusters added; reading ${ids.length} of them at random`);
    const env = benchEnv(infra, 'read');
    const token = await signBenchToken(env, tenant, ['viewer']);
    let next = 0;
    const load = {
      connections: CONNECTIONS,
      seconds: SECONDS,
      warmUpSeconds: WARM_UP_SECONDS,
      database: infra.databaseName,
      progress,
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/api/v1/clusters/${ids[next++ % ids.length]}` }) }],
    };

    step(`product: gateway, ${CONNECTIONS} connections, ${SECONDS} s`);
    const system = await startServices(['gateway'], env);
    let product;
    let peakRssMb;
    try {
      product = await measureHttp({ ...load, label: 'product', url: system.url('gateway'), headers: { authorization: `Bearer ${token}` }, processes: system.services });
      peakRssMb = system.peakRssMb();
    } finally {
      await system.stop();
    }
    ok(`product: ${describeLoad(product)}; ${describeCpu(product)}`);

    step(`baseline: bare Fastify + pg (pool ${POOL_SIZE}), ${CONNECTIONS} connections, ${SECONDS} s`);
    const baseline = await startBaseline('read', { env, tenant, poolSize: POOL_SIZE });
    let bare;
    try {
      bare = await measureHttp({ ...load, label: 'baseline', url: baseline.url, processes: [{ name: 'baseline', child: { pid: baseline.pid } }] });
    } finally {
      await baseline.stop();
    }
    ok(`baseline: ${describeLoad(bare)}; ${describeCpu(bare)}`);

    const ratio = product.rate / bare.rate;
    return {
      ...comparedRates('read', 'req/s', product, bare),
      target: '≥ 0.7 × bare Fastify + pg, p99 ≤ 15 ms',
      met: ratio >= 0.7 && product.p99Ms <= 15 && product.errors === 0,
      peakRssMb,
      notes: `${CLUSTERS} clusters, ${CONNECTIONS} connections, ${SECONDS} s each; baseline p50 ${bare.p50Ms} ms, p99 ${bare.p99Ms} ms; ${product.errors} errors; CPU ms per request product ${product.cpuMsPerRequest.total} vs baseline ${bare.cpuMsPerRequest.total}`,
      details: {
        clusters: CLUSTERS,
        connections: CONNECTIONS,
        seconds: SECONDS,
        product: summarizeRun(product),
        baseline: summarizeRun(bare),
        loadAverage: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
      },
    };
  },
};

