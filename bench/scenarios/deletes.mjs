// Graceful deletes: 1 000 Connected Run:ai clusters whose agents keep reporting (every 10 s, as
// agent-sim does by default) and acknowledge `uninstall`, then 1 000 `DELETE /api/v1/clusters/{uuid}`
// (agent 2.24 → graceful, 202) as fast as the API takes them. Measures the delete-request rate,
// request → gone (the `occurredAt` of the product's `cluster.deleted` event), the product's own
// uninstall ack → deleted_at, the time until every cluster is gone, and the deletion queue's jobs/s.
import { setMaxListeners } from 'node:events';
import { ApiClient } from '../lib/api-client.mjs';
import { cpuSeconds } from '../lib/cpu-time.mjs';
import { watchEvents } from '../lib/event-watch.mjs';
import { insertFleet, sim } from '../lib/fleet.mjs';
import { summarize } from '../lib/latency.mjs';
import { mapWithConcurrency, waitUntil } from '../lib/pacing.mjs';
import { benchEnv, startServices } from '../lib/services.mjs';
import { signBenchToken } from '../lib/tokens.mjs';

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 1_000);
const REPORT_INTERVAL_MS = Number(process.env.BENCH_REPORT_INTERVAL_MS ?? 10_000);
const DELETE_CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
/**
 * All gone within 60 s of the last delete: an agent hears of its delete on its next report
 * (≤ one 10 s interval) and acknowledges at once; the job sees the ack on its next re-check
 * (DELETE_RECHECK_MS, 2 s); the rest is slack for 1 000 jobs on a 2-core machine.
 */
const GONE_WITHIN_MS = Number(process.env.BENCH_GONE_WITHIN_MS ?? 60_000);
/** The fleet the SQL inserts belongs to (bench/lib/fleet.mjs). */
const FLEET_TENANT = { id: 990_001, slug: 'bench' };
const SERVICES = ['deletion', 'status', 'gateway'];

export default {
  name: 'deletes',
  async run({ infra, db, step, ok, progress }) {
    const env = benchEnv(infra, 'deletes');
    step(`starting ${SERVICES.join(', ')}; inserting ${CLUSTERS.toLocaleString('en-US')} registered clusters (agent 2.24)`);
    const system = await startServices(SERVICES, env);
    const deletedEvents = await watchEvents(env, 'cluster.deleted');
    const transport = new sim.AgentTransport(system.url('gateway'), 64);
    const api = new ApiClient(system.url('gateway'), await signBenchToken(env, FLEET_TENANT), DELETE_CONCURRENCY);
    const stopAgents = new AbortController();
    setMaxListeners(0, stopAgents.signal); // every pacing agent listens to it
    let fleet;
    try {
      const agents = await insertFleet(db, { count: CLUSTERS, agentSecretKey: env.AGENT_SECRET_KEY, nodePools: 1, label: 'deletes' });
      const ids = agents.map((a) => a.clusterId);
      const fleetOptions = { scenario: { kind: 'healthy' }, version: '2.24', log: () => undefined };
      step('connecting every cluster (one report each)');
      const warmUp = await sim.runFleet(agents, transport, { ...fleetOptions, rounds: 1, intervalMs: 0, concurrency: 64 });
      const connected = await countConnected(db, ids);
      ok(`${warmUp.accepted} reports accepted, ${connected} clusters Connected`);

      step(`agents report every ${REPORT_INTERVAL_MS / 1000} s; deleting all ${CLUSTERS.toLocaleString('en-US')}, ${DELETE_CONCURRENCY} requests in flight`);
      const agentStats = new sim.FleetStats();
      fleet = sim.runFleet(agents, transport, { ...fleetOptions, intervalMs: REPORT_INTERVAL_MS, concurrency: 64, signal: stopAgents.signal, stats: agentStats });
      const cpuBefore = cpuSeconds(system.services, infra.databaseName);
      const jobsBefore = await finalizeJobCounts(system.url('deletion'));
      const started = Date.now();
      const ticker = setInterval(() => progress(`${deletedEvents.seen.size.toLocaleString('en-US')} gone, ${agentStats.stopped.uninstalled} agents uninstalled, ${Math.round((Date.now() - started) / 1000)} s`), 1_000);
      let answers;
      let deletesSeconds;
      let allGone;
      try {
        answers = await mapWithConcurrency(ids, DELETE_CONCURRENCY, (id) => api.request('DELETE', `/api/v1/clusters/${id}`));
        deletesSeconds = (Date.now() - started) / 1000;
        ok(`${answers.length} deletes sent in ${deletesSeconds.toFixed(1)} s (${Math.round(answers.length / deletesSeconds)}/s); ${answers.filter((a) => a.status === 202).length} answered 202`);
        allGone = await waitUntil(() => ids.every((id) => deletedEvents.seen.has(id)), GONE_WITHIN_MS);
      } finally {
        clearInterval(ticker);
      }
      const allGoneSeconds = (Date.now() - started) / 1000;
      const cpu = cpuSeconds(system.services, infra.databaseName, cpuBefore);
      const jobs = diffCounts(await finalizeJobCounts(system.url('deletion')), jobsBefore);
      stopAgents.abort();
      await fleet;

      const accepted = answers.filter((a) => a.status === 202);
      const rejected = answers.filter((a) => a.status !== 202);
      const gone = ids.filter((id) => deletedEvents.seen.has(id));
      const lastGoneAt = gone.reduce((last, id) => Math.max(last, deletedEvents.seen.get(id).occurredAt), started);
      const toGone = summarize(ids.flatMap((id, i) => (deletedEvents.seen.has(id) ? [deletedEvents.seen.get(id).occurredAt - answers[i].sentAt] : [])));
      const ackToGone = await productAckToGone(db, ids);
      const deletedInPostgres = await countDeleted(db, ids);
      const windowSeconds = (lastGoneAt - started) / 1000;
      const requestRate = Math.round(answers.length / deletesSeconds);
      const jobsPerSecond = Math.round((gone.length / windowSeconds) * 10) / 10;
      const jobRunsPerSecond = Math.round((Object.values(jobs).reduce((sum, n) => sum + n, 0) / windowSeconds) * 10) / 10;
      const roundTrip = summarize(answers.map((a) => a.ms));
      ok(`gone: ${gone.length}/${CLUSTERS} (deleted_at set: ${deletedInPostgres}) ${windowSeconds.toFixed(1)} s after the first delete; request → gone p50 ${toGone.p50} ms, p99 ${toGone.p99} ms; ack → gone p50 ${ackToGone.p50} ms, p99 ${ackToGone.p99} ms`);
      ok(`deletion queue: ${jobsPerSecond} finalize jobs completed/s, ${jobRunsPerSecond} job runs/s (${Object.entries(jobs).map(([o, n]) => `${o} ${n}`).join(', ')})`);
      ok(`CPU seconds: ${Object.entries(cpu).map(([name, s]) => `${name} ${s}`).join(', ')}`);
      if (rejected.length > 0) ok(`${rejected.length} deletes not accepted, e.g. ${rejected[0].status} ${rejected[0].text.slice(0, 200)}`);

      const met = allGone && rejected.length === 0 && deletedInPostgres === CLUSTERS && (lastGoneAt - started - deletesSeconds * 1000) <= GONE_WITHIN_MS;
      const peakRssMb = system.peakRssMb();
      return {
        name: 'deletes',
        product: Math.round(windowSeconds * 10) / 10,
        baseline: null,
        ratio: null,
        unit: 's until all gone',
        p50Ms: toGone.p50,
        p99Ms: toGone.p99,
        target: `all ${CLUSTERS.toLocaleString('en-US')} gone within ${GONE_WITHIN_MS / 1000} s of the last delete; time and throughput reported`,
        met,
        peakRssMb,
        notes: `${CLUSTERS} Connected clusters, agents every ${REPORT_INTERVAL_MS / 1000} s acknowledging uninstall; ${accepted.length} deletes answered 202 at ${requestRate}/s (round trip p50 ${roundTrip.p50} ms, p99 ${roundTrip.p99} ms); ${gone.length} gone ${windowSeconds.toFixed(1)} s after the first delete; p50/p99 = delete request → cluster.deleted occurredAt (includes waiting for the agent's next report); uninstall ack → deleted_at p50 ${ackToGone.p50} ms, p99 ${ackToGone.p99} ms; deletion queue ${jobsPerSecond} finalize jobs completed/s, ${jobRunsPerSecond} runs/s incl. re-checks`,
        details: {
          clusters: CLUSTERS,
          connected,
          reportIntervalMs: REPORT_INTERVAL_MS,
          deleteConcurrency: DELETE_CONCURRENCY,
          deletesAccepted: accepted.length,
          deletesRejected: rejected.length,
          deleteRequestsPerSecond: requestRate,
          deleteRoundTripMs: roundTrip,
          gone: gone.length,
          deletedInPostgres,
          secondsUntilAllGone: Math.round(windowSeconds * 10) / 10,
          secondsFromLastDeleteToAllGone: Math.round((windowSeconds - deletesSeconds) * 10) / 10,
          requestToGoneMs: toGone,
          ackToGoneMs: ackToGone,
          finalizeJobsCompletedPerSecond: jobsPerSecond,
          finalizeJobRunsPerSecond: jobRunsPerSecond,
          finalizeJobRuns: jobs,
          agents: agentStats.summary(),
          cpuSeconds: cpu,
          allGoneSeconds: Math.round(allGoneSeconds * 10) / 10,
          peakRssMb,
        },
      };
    } finally {
      stopAgents.abort();
      await fleet?.catch(() => undefined);
      api.close();
      await transport.close();
      await deletedEvents.close();
      await system.stop();
    }
  },
};

async function countConnected(db, ids) {
  const { rows } = await db.query("SELECT count(*)::int AS n FROM clusters WHERE id = ANY($1::uuid[]) AND state = 'Connected'", [ids]);
  return rows[0].n;
}

async function countDeleted(db, ids) {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM clusters WHERE id = ANY($1::uuid[]) AND deleted_at IS NOT NULL', [ids]);
  return rows[0].n;
}

/** The product's own timestamps: the agent's uninstall ack recorded → the cluster deleted. */
async function productAckToGone(db, ids) {
  const { rows } = await db.query(
    `SELECT extract(epoch FROM (deleted_at - uninstall_acked_at)) * 1000 AS ms FROM clusters
     WHERE id = ANY($1::uuid[]) AND deleted_at IS NOT NULL AND uninstall_acked_at IS NOT NULL`,
    [ids],
  );
  return summarize(rows.map((r) => Number(r.ms)));
}

/** `cluster.finalize` runs by outcome (completed, delayed re-checks, errors) from the deletion service's /metrics. */
async function finalizeJobCounts(deletionUrl) {
  const text = await (await fetch(`${deletionUrl}/metrics`)).text();
  const counts = {};
  for (const match of text.matchAll(/^clusterplane_jobs_total\{([^}]*)\} (\d+)/gm)) {
    const labels = Object.fromEntries([...match[1].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (labels.job === 'cluster.finalize') counts[labels.outcome] = (counts[labels.outcome] ?? 0) + Number(match[2]);
  }
  return counts;
}

function diffCounts(after, before) {
  return Object.fromEntries(Object.entries(after).map(([outcome, n]) => [outcome, n - (before[outcome] ?? 0)]));
}
