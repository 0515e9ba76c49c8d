// Provision latency: Run:ai creates (`POST /api/v1/clusters`) arriving open loop at 100/s for
// 30 s through the gateway, with all five services running and the simulated provider at zero
// latency. Per cluster: create request sent → Ready, where Ready is the product's own record of
// it, the `occurredAt` of the `cluster.ready` event written in the transaction that made the
// cluster Ready (read back from the run's JetStream stream). Every cluster must become Ready.
import { ApiClient } from '../lib/api-client.mjs';
import { cpuSeconds } from '../lib/cpu-time.mjs';
import { watchEvents } from '../lib/event-watch.mjs';
import { summarize } from '../lib/latency.mjs';
import { openLoop, waitUntil } from '../lib/pacing.mjs';
import { benchEnv, startServices } from '../lib/services.mjs';
import { signBenchToken } from '../lib/tokens.mjs';

const RATE = Number(process.env.BENCH_CREATE_RATE ?? 100);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 30_000);
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 200);
/** How long after the last create the clusters still Pending may take before the run gives up. */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 60_000);
const P50_TARGET_MS = 50;
const P99_TARGET_MS = 250;
const SERVICES = ['provisioning', 'node-pool', 'deletion', 'status', 'gateway'];

export default {
  name: 'provision-latency',
  async run({ infra, db, step, ok, progress }) {
    const env = { ...benchEnv(infra, 'provision'), SIM_PROVIDER_LATENCY_MS: '0' };
    step(`starting ${SERVICES.join(', ')} (simulated provider latency 0)`);
    const system = await startServices(SERVICES, env);
    const readyEvents = await watchEvents(env, 'cluster.ready');
    const tenant = { id: 990_100 + Math.floor(Math.random() * 9_000), slug: `bench-provision-${Date.now().toString(36)}` };
    const api = new ApiClient(system.url('gateway'), await signBenchToken(env, tenant));
    const create = (name) => api.request('POST', '/api/v1/clusters', { name, version: '2.24' });
    try {
      if (WARM_UP > 0) {
        step(`warm-up: ${WARM_UP} creates at ${RATE}/s (not measured)`);
        const warm = await openLoop(WARM_UP, RATE, (i) => create(`warm-${i}`));
        await waitUntil(() => warm.every((a) => a.status !== 201 || readyEvents.seen.has(a.body.uuid)), SETTLE_MS);
      }

      const count = Math.round((RATE * DURATION_MS) / 1000);
      const cpuBefore = cpuSeconds(system.services, infra.databaseName);
      step(`measuring: ${count.toLocaleString('en-US')} creates, open loop at ${RATE}/s for ${DURATION_MS / 1000} s`);
      const started = Date.now();
      const ticker = setInterval(() => progress(`${readyEvents.seen.size.toLocaleString('en-US')} Ready, ${Math.round((Date.now() - started) / 1000)} s`), 1_000);
      let answers;
      let settled;
      try {
        answers = await openLoop(count, RATE, (i) => create(`c-${i}`));
        const sendSeconds = (Date.now() - started) / 1000;
        const created = answers.filter((a) => a.status === 201);
        ok(`sent ${count} creates in ${sendSeconds.toFixed(1)} s; ${created.length} answered 201`);
        settled = await waitUntil(() => created.every((a) => readyEvents.seen.has(a.body.uuid)), SETTLE_MS);
      } finally {
        clearInterval(ticker);
      }
      const cpu = cpuSeconds(system.services, infra.databaseName, cpuBefore);

      const created = answers.filter((a) => a.status === 201);
      const errors = answers.filter((a) => a.status !== 201);
      const ready = created.filter((a) => readyEvents.seen.has(a.body.uuid));
      const toReady = ready.map((a) => readyEvents.seen.get(a.body.uuid).occurredAt - a.sentAt);
      const toAnnounced = ready.map((a) => readyEvents.seen.get(a.body.uuid).receivedAt - a.sentAt);
      const createdToReady = await productCreatedToReady(db, created.map((a) => a.body.uuid));
      const latency = summarize(toReady);
      const roundTrip = summarize(created.map((a) => a.ms));
      const phases = await phaseCounts(db, tenant.id);
      const cpuMsPerCluster = Math.round((Object.values(cpu).reduce((sum, s) => sum + s, 0) * 1e6) / Math.max(1, created.length)) / 1000;
      ok(`Ready ${ready.length}/${count}: request → Ready p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms; 201 round trip p50 ${roundTrip.p50} ms, p99 ${roundTrip.p99} ms`);
      ok(`CPU seconds: ${Object.entries(cpu).map(([name, s]) => `${name} ${s}`).join(', ')} (${cpuMsPerCluster} ms per cluster)`);
      if (errors.length > 0) ok(`${errors.length} creates failed, e.g. ${errors[0].status} ${errors[0].text.slice(0, 200)}`);

      const allReady = settled && errors.length === 0 && ready.length === count;
      const peakRssMb = system.peakRssMb();
      return {
        name: 'provision-latency',
        product: latency.p50,
        baseline: null,
        ratio: null,
        unit: 'ms to Ready (p50)',
        p50Ms: latency.p50,
        p99Ms: latency.p99,
        target: `p50 ≤ ${P50_TARGET_MS} ms, p99 ≤ ${P99_TARGET_MS} ms, all Ready`,
        met: allReady && latency.p50 <= P50_TARGET_MS && latency.p99 <= P99_TARGET_MS,
        peakRssMb,
        notes: `${count} Run:ai creates open loop at ${RATE}/s for ${DURATION_MS / 1000} s, simulated provider latency 0; ${ready.length} Ready, ${errors.length} failed creates; request sent → Ready (cluster.ready occurredAt) max ${latency.max} ms; → event received p50 ${summarize(toAnnounced).p50} ms, p99 ${summarize(toAnnounced).p99} ms; product created_at → Ready p50 ${createdToReady.p50} ms, p99 ${createdToReady.p99} ms; 201 round trip p50 ${roundTrip.p50} ms, p99 ${roundTrip.p99} ms; CPU ms per cluster ${cpuMsPerCluster}`,
        details: {
          rate: RATE,
          seconds: DURATION_MS / 1000,
          creates: count,
          created: created.length,
          failedCreates: errors.length,
          ready: ready.length,
          phases,
          requestToReadyMs: latency,
          requestToEventReceivedMs: summarize(toAnnounced),
          createdAtToReadyMs: createdToReady,
          createRoundTripMs: roundTrip,
          cpuSeconds: cpu,
          cpuMsPerCluster,
          peakRssMb,
        },
      };
    } finally {
      api.close();
      await readyEvents.close();
      await system.stop();
    }
  },
};

/** The product's own view: its created_at of each cluster to the occurred_at of its cluster.ready event. */
async function productCreatedToReady(db, ids) {
  const { rows } = await db.query(
    `SELECT extract(epoch FROM (o.occurred_at - c.created_at)) * 1000 AS ms
     FROM clusters c JOIN outbox_events o ON o.resource_id = c.id::text AND o.type = 'cluster.ready'
     WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  return summarize(rows.map((r) => Number(r.ms)));
}

async function phaseCounts(db, tenantId) {
  const { rows } = await db.query('SELECT phase, count(*)::int AS n FROM clusters WHERE tenant_id = $1 GROUP BY phase', [tenantId]);
  return Object.fromEntries(rows.map((r) => [r.phase, r.n]));
}
