// Agent reports/s the status service sustains: 10 000 clusters reporting back to back through
// the gateway (HTTP → NATS → batched writes), against the same rows written by a bare batched
// upsert in the same run. Every accepted report must be in Postgres afterwards.
import { readFileSync } from 'node:fs';
import { medianBareUpsertRate } from '../lib/bare-upsert.mjs';
import { cpuSeconds } from '../lib/cpu-time.mjs';
import { countLost, countSamples, insertFleet, recordingTransport, sim, waitForOutboxDrained } from '../lib/fleet.mjs';
import { runWithProgress } from '../lib/fleet-run.mjs';
import { benchEnv, startServices } from '../lib/services.mjs';

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 10_000);
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 20_000);
/**
 * Reports in flight, out of 10 000 agents: four of the status service's batches, two being
 * written while the next two fill. With one batch's worth (512), Postgres and the HTTP side took
 * turns and 8 % of the machine sat idle; with two (1 024) a batch still waited for reports
 * after each commit: alternated runs gave 6 673–7 108 reports/s at 1 024 and 7 038–7 441 at
 * 2 048, p99 report → stored 216–271 ms and 426–449 ms, far below the 1 s target.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2048);
const BATCH_MAX = 500;
/** Batches the status service writes at once; the baseline writes on as many connections. */
const WRITE_CONCURRENCY = Number(process.env.BENCH_WRITE_CONCURRENCY ?? 2);
const NODE_POOLS = Number(process.env.BENCH_NODE_POOLS ?? 1);
const SAMPLES_PER_REPORT = 10 * NODE_POOLS;
const BASELINE_MAX_REPORTS = 60_000;
/**
 * The median of three. Not more: each run adds its sample rows to the table, and successive
 * runs in one bench got slower (9 361, 7 105, 6 228, 6 162, 6 693 reports/s in one of five), so
 * later runs would pull the baseline down and flatter the product.
 */
const BASELINE_RUNS = 3;

export default {
  name: 'agent-reports',
  async run({ infra, db, step, ok, progress }) {
    const env = benchEnv(infra, 'agents');
    step(`starting status and gateway; inserting ${CLUSTERS.toLocaleString('en-US')} clusters`);
    const system = await startServices(['status', 'gateway'], env, { status: { STATUS_BATCH_MAX: String(BATCH_MAX), STATUS_WRITE_CONCURRENCY: String(WRITE_CONCURRENCY) } });
    try {
      const agents = await insertFleet(db, { count: CLUSTERS, agentSecretKey: env.AGENT_SECRET_KEY, nodePools: NODE_POOLS, label: 'reports' });
      const { transport, lastAccepted } = recordingTransport(new sim.AgentTransport(system.url('gateway'), CONCURRENCY));
      const ids = agents.map((a) => a.clusterId);

      // Every cluster's first report connects it (a state transition with an event); the
      // measured phase is the steady state that follows: heartbeats.
      step('warm-up: one report per cluster (WaitingToConnect → Connected)');
      const warmUp = await runWithProgress('warm-up', agents, transport, { rounds: 1, intervalMs: 0, concurrency: CONCURRENCY }, progress);
      ok(`warm-up: ${warmUp.stats.accepted} reports in ${warmUp.seconds.toFixed(1)} s (${Math.round(warmUp.stats.accepted / warmUp.seconds)}/s), ${warmUp.stats.failed} failed`);
      step('waiting for the status service to publish the warm-up transitions (cluster.status-changed)');
      const unpublished = await waitForOutboxDrained(db);
      if (unpublished > 0) ok(`${unpublished} events still unpublished; measuring anyway`);

      const samplesBefore = await countSamples(db, ids);
      const cpuBefore = cpuSeconds(system.services, infra.databaseName);
      step(`measuring for ${MEASURE_MS / 1000} s: reports back to back, ${CONCURRENCY} in flight`);
      const run = await runWithProgress('agent reports', agents, transport, { intervalMs: 0, durationMs: MEASURE_MS, concurrency: CONCURRENCY }, progress);
      const { stats } = run;
      const cpu = cpuSeconds(system.services, infra.databaseName, cpuBefore);
      const product = stats.accepted / run.seconds;
      const lost = await countLost(db, lastAccepted);
      const samplesStored = (await countSamples(db, ids)) - samplesBefore;
      ok(`product: ${Math.round(product)} reports/s, p50 ${stats.percentile(50).toFixed(1)} ms, p99 ${stats.percentile(99).toFixed(1)} ms, ${stats.failed} failed, ${lost} lost`);
      ok(`CPU seconds in ${run.seconds.toFixed(0)} s: ${Object.entries(cpu).map(([name, s]) => `${name} ${s}`).join(', ')}`);
      const peakRssMb = system.peakRssMb();
      await transport.close();

      const reports = Math.min(stats.accepted, BASELINE_MAX_REPORTS);
      step(`baseline: the same rows for ${reports.toLocaleString('en-US')} reports by a bare batched upsert (batches of ${BATCH_MAX}, ${WRITE_CONCURRENCY} connections), median of ${BASELINE_RUNS} runs`);
      const baseline = await medianBareUpsertRate(infra.databaseUrl, agents, { reports, batchSize: BATCH_MAX, concurrency: WRITE_CONCURRENCY }, BASELINE_RUNS);
      ok(`baseline: ${Math.round(baseline.rate)} reports/s (runs: ${baseline.runRates.join(', ')}; median run's CPU seconds in ${baseline.seconds.toFixed(1)} s: postgres ${baseline.postgresCpu})`);
      const loadAverage = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

      const ratio = product / baseline.rate;
      // CPU per report does not depend on what else the machine runs; the rates do.
      const cpuMsPerReport = Object.fromEntries(Object.entries(cpu).map(([name, s]) => [name, Math.round((s * 1e6) / stats.accepted) / 1000]));
      const productCpuMs = Math.round(Object.values(cpu).reduce((sum, s) => sum + s, 0) * 1e6 / stats.accepted) / 1000;
      const baselineCpuMs = Math.round((baseline.postgresCpu * 1e6) / reports) / 1000;
      const samplesExpected = stats.accepted * SAMPLES_PER_REPORT;
      return {
        name: 'agent-reports',
        product: Math.round(product),
        baseline: Math.round(baseline.rate),
        unit: 'reports/s',
        ratio: Math.round(ratio * 1000) / 1000,
        p50Ms: round(stats.percentile(50)),
        p99Ms: round(stats.percentile(99)),
        target: '≥ 0.5 × bare batched upsert, 0 reports lost',
        met: ratio >= 0.5 && lost === 0 && stats.failed === 0 && samplesStored === samplesExpected,
        peakRssMb,
        notes: `${CLUSTERS} clusters, ${CONCURRENCY} in flight, ${MEASURE_MS / 1000} s; ${stats.accepted} accepted, ${stats.failed} failed, ${lost} lost; ${samplesStored}/${samplesExpected} metric samples stored; p50/p99 = report → stored (the answer follows the commit); CPU ms per report ${productCpuMs} (${Object.entries(cpuMsPerReport).map(([n, ms]) => `${n} ${ms}`).join(', ')}) vs bare upsert ${baselineCpuMs}; bare upsert runs ${baseline.runRates.join(", ")} reports/s (median taken)`,
        details: {
          clusters: CLUSTERS,
          concurrency: CONCURRENCY,
          seconds: round(run.seconds),
          accepted: stats.accepted,
          failed: stats.failed,
          lost,
          samplesStored,
          samplesExpected,
          warmUpRate: Math.round(warmUp.stats.accepted / warmUp.seconds),
          cpuSeconds: cpu,
          cpuMsPerReport: { ...cpuMsPerReport, total: productCpuMs, bareUpsert: baselineCpuMs },
          baselineReports: reports,
          baselineRunRates: baseline.runRates,
          baselinePostgresCpuSeconds: baseline.postgresCpu,
          writeConcurrency: WRITE_CONCURRENCY,
          loadAverage: Number(loadAverage),
          peakRssMb,
        },
      };
    } finally {
      await system.stop();
    }
  },
};

const round = (value) => Math.round(value * 10) / 10;
