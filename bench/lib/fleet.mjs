// A fleet of clusters for the agent benchmarks: inserted with SQL (10 000 through the API would
// take longer than the benchmark), their client secrets derived with the product's own function.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DIST } from './services.mjs';

const require = createRequire(import.meta.url);
/** The product's compiled code: the simulator's fleet runner and the domain's secret derivation. */
export const sim = {
  ...require(join(DIST, 'apps/agent-sim/src/fleet/run-fleet.js')),
  ...require(join(DIST, 'apps/agent-sim/src/fleet/agent-transport.js')),
  ...require(join(DIST, 'apps/agent-sim/src/fleet/simulated-agent.js')),
  ...require(join(DIST, 'apps/agent-sim/src/fleet/fleet-stats.js')),
};
const { deriveClientSecret } = require(join(DIST, 'libs/domain/src/credentials/client-secret.js'));

const BENCH_TENANT = { id: 990_001, slug: 'bench' };

/** Inserts `count` registered, Ready clusters that have never reported; returns their agents. */
export async function insertFleet(db, { count, agentSecretKey, nodePools, label }) {
  await db.query('INSERT INTO tenants (id, slug) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [BENCH_TENANT.id, BENCH_TENANT.slug]);
  const { rows } = await db.query(
    `INSERT INTO clusters (id, tenant_id, name, origin, phase, agent_version, created_by)
     SELECT gen_random_uuid(), $1, $2 || '-' || g, 'registered', 'Ready', '2.24', 'bench'
     FROM generate_series(1, $3::int) g
     RETURNING id, secret_version`,
    [BENCH_TENANT.id, `${label}-${Date.now().toString(36)}`, count],
  );
  return rows.map((r) => new sim.SimulatedAgent(r.id, deriveClientSecret(agentSecretKey, r.id, r.secret_version), nodePools));
}

/**
 * Wraps the simulator's transport to remember, per cluster, the `reportedAt` of the newest
 * report the gateway accepted: after the run each cluster's stored `last_reported_at` must
 * equal it, or an acknowledged report was lost.
 */
export function recordingTransport(transport) {
  const lastAccepted = new Map();
  return {
    lastAccepted,
    transport: {
      async report(clusterId, secret, body) {
        const answer = await transport.report(clusterId, secret, body);
        if (answer.kind === 'accepted') {
          const previous = lastAccepted.get(clusterId);
          if (!previous || previous < body.reportedAt) lastAccepted.set(clusterId, body.reportedAt);
        }
        return answer;
      },
      close: () => transport.close(),
    },
  };
}

/** Accepted reports whose state is not in Postgres: clusters whose stored report is older than the last accepted one. */
export async function countLost(db, lastAccepted) {
  const ids = [...lastAccepted.keys()];
  const { rows } = await db.query('SELECT id, last_reported_at FROM clusters WHERE id = ANY($1::uuid[])', [ids]);
  const stored = new Map(rows.map((r) => [r.id, r.last_reported_at?.getTime() ?? 0]));
  return ids.filter((id) => (stored.get(id) ?? 0) < Date.parse(lastAccepted.get(id))).length;
}

export async function countSamples(db, ids) {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM metric_samples WHERE cluster_id = ANY($1::uuid[])', [ids]);
  return rows[0].n;
}

/**
 * Waits (at most `timeoutMs`) until the outbox holds nothing unpublished: the warm-up's
 * transitions are announced before a measured phase starts, so it measures heartbeats only.
 */
export async function waitForOutboxDrained(db, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query('SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL');
    if (rows[0].n === 0) return 0;
    if (Date.now() > deadline) return rows[0].n;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
