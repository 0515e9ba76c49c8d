// The realistic load: 10 000 clusters each reporting every 10 s (1 000 reports/s, spread
// evenly), for two rounds. Measures report → stored latency at that rate and that none is lost.
import { countLost, insertFleet, recordingTransport, sim } from '../lib/fleet.mjs';
import { runWithProgress } from '../lib/fleet-run.mjs';
import { benchEnv, startServices } from '../lib/services.mjs';

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 10_000);
const INTERVAL_MS = 10_000;
const ROUNDS = 2;
const P99_TARGET_MS = 250;

export default {
  name: 'agent-reports-10s',
  async run({ infra, db, step, ok, progress }) {
    const env = benchEnv(infra, 'agents10s');
    step(`starting status and gateway; inserting ${CLUSTERS.toLocaleString('en-US')} clusters`);
    const system = await startServices(['status', 'gateway'], env);
    try {
      const agents = await insertFleet(db, { count: CLUSTERS, agentSecretKey: env.AGENT_SECRET_KEY, nodePools: 1, label: 'every10s' });
      const { transport, lastAccepted } = recordingTransport(new sim.AgentTransport(system.url('gateway'), 256));
      step('connecting every cluster (one report each)');
      await runWithProgress('warm-up', agents, transport, { rounds: 1, intervalMs: 0, concurrency: 256 }, progress);

      const offered = CLUSTERS / (INTERVAL_MS / 1000);
      step(`measuring: every cluster every ${INTERVAL_MS / 1000} s (${offered}/s) for ${ROUNDS} rounds`);
      const { stats, seconds } = await runWithProgress('every 10 s', agents, transport, { rounds: ROUNDS, intervalMs: INTERVAL_MS, concurrency: 256 }, progress);
      const lost = await countLost(db, lastAccepted);
      const achieved = stats.accepted / seconds;
      ok(`${Math.round(achieved)} reports/s offered ${offered}/s, p50 ${stats.percentile(50).toFixed(1)} ms, p99 ${stats.percentile(99).toFixed(1)} ms, ${lost} lost`);
      const peakRssMb = system.peakRssMb();
      await transport.close();
      const p99 = stats.percentile(99);
      return {
        name: 'agent-reports-10s',
        product: Math.round(achieved),
        baseline: offered,
        unit: 'reports/s',
        ratio: Math.round((achieved / offered) * 1000) / 1000,
        p50Ms: round(stats.percentile(50)),
        p99Ms: round(p99),
        target: `${offered}/s sustained (ratio ≥ 0.95), p99 ≤ ${P99_TARGET_MS} ms, 0 lost`,
        met: achieved / offered >= 0.95 && p99 <= P99_TARGET_MS && lost === 0 && stats.failed === 0,
        peakRssMb,
        notes: `${CLUSTERS} clusters every ${INTERVAL_MS / 1000} s, ${ROUNDS} rounds; ${stats.accepted} accepted, ${stats.failed} failed, ${lost} lost`,
        details: { clusters: CLUSTERS, rounds: ROUNDS, accepted: stats.accepted, failed: stats.failed, lost, peakRssMb },
      };
    } finally {
      await system.stop();
    }
  },
};

const round = (value) => Math.round(value * 10) / 10;
