// Scenario 2, list: GET /api/v1/clusters/minimal?limit=50 with the filters a user would send
// (seed 002's own example, an exact name; an agent version range; a creation-time window),
// at 1 000 and at 100 000 clusters in the tenant. Target: the 100 000 figure within 1.5× of the
// 1 000 figure (the cost grows with the page, not the fleet) and p99 ≤ 20 ms.
import { readFileSync } from 'node:fs';
import { BENCH_TENANTS, ensureClusters, sampleClusters } from '../lib/cluster-seed.mjs';
import { comparedRates, describeCpu, describeLoad, measureHttp, summarizeRun } from '../lib/http-load.mjs';
import { benchEnv, startServices } from '../lib/services.mjs';
import { signBenchToken } from '../lib/tokens.mjs';

const LARGE = Number(process.env.BENCH_CLUSTERS ?? 100_000);
const SMALL = 1_000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 3);
const LIMIT = 50;

/** The queries of one tenant, taken in turn: each a page of 50 (or the one match). */
function pageQueries(names) {
  const filter = (...terms) => `/api/v1/clusters/minimal?limit=${LIMIT}&${terms.map((t) => `filterBy=${encodeURIComponent(t)}`).join('&')}`;
  const since = new Date(Date.now() - 30 * 24 * 3600_000).toISOString();
  return [
    ...names.map((name) => filter(`name==${name}`)),
    filter('version>=2.20'),
    filter(`createdAt>=${since}`, 'version>=2.22'),
    filter('version>=2.18', 'domain!=retired.example.com'),
  ];
}

export default {
  name: 'list',
  async run({ infra, db, step, ok, progress }) {
    step(`seeding ${LARGE.toLocaleString('en-US')} and ${SMALL.toLocaleString('en-US')} clusters in two tenants`);
    await ensureClusters(db, BENCH_TENANTS.large, LARGE);
    await ensureClusters(db, BENCH_TENANTS.small, SMALL);
    const env = benchEnv(infra, 'list');
    const system = await startServices(['gateway'], env);
    const runs = {};
    let peakRssMb;
    try {
      for (const [size, tenant, count] of [['small', BENCH_TENANTS.small, SMALL], ['large', BENCH_TENANTS.large, LARGE]]) {
        const paths = pageQueries((await sampleClusters(db, tenant, 3)).map((c) => c.name));
        let next = 0;
        const token = await signBenchToken(env, tenant, ['viewer']);
        step(`${count.toLocaleString('en-US')} clusters in the tenant: ${CONNECTIONS} connections, ${SECONDS} s, ${paths.length} queries in turn`);
        runs[size] = await measureHttp({
          label: `${count} clusters`,
          url: system.url('gateway'),
          connections: CONNECTIONS,
          seconds: SECONDS,
          warmUpSeconds: WARM_UP_SECONDS,
          database: infra.databaseName,
          processes: system.services,
          progress,
          headers: { authorization: `Bearer ${token}` },
          requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
        });
        ok(`${count.toLocaleString('en-US')} clusters: ${describeLoad(runs[size])}; ${describeCpu(runs[size])}`);
      }
      peakRssMb = system.peakRssMb();
    } finally {
      await system.stop();
    }

    const { small, large } = runs;
    // Rates: the large tenant's as a fraction of the small one's; within 1.5× means ≥ 1 / 1.5.
    const ratio = large.rate / small.rate;
    return {
      ...comparedRates('list', 'req/s', large, small),
      target: `${LARGE / 1000}k-cluster tenant ≥ 1/1.5 of the 1k-cluster rate, p99 ≤ 20 ms`,
      met: ratio >= 1 / 1.5 && large.p99Ms <= 20 && small.p99Ms <= 20 && large.errors === 0 && small.errors === 0,
      peakRssMb,
      notes: `product = tenant with ${LARGE} clusters, baseline = the same queries on a tenant with ${SMALL} (p50 ${small.p50Ms} ms, p99 ${small.p99Ms} ms); ${CONNECTIONS} connections, ${SECONDS} s each; CPU ms per request ${large.cpuMsPerRequest.total} vs ${small.cpuMsPerRequest.total}`,
      details: {
        clusters: { small: SMALL, large: LARGE },
        connections: CONNECTIONS,
        seconds: SECONDS,
        queries: pageQueries(['<name>']).map((path) => decodeURIComponent(path)),
        small: summarizeRun(small),
        large: summarizeRun(large),
        loadAverage: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
      },
    };
  },
};
