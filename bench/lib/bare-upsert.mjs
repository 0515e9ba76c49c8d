// The baseline of the agent-report benchmark: the rows the status service writes for `reports`
// agent reports, written by a bare batched upsert: no HTTP, no NATS, no merge logic, one
// UPDATE … FROM unnest and one INSERT … unnest per batch, on as many connections as the status
// service writes batches at once.
import pg from 'pg';
import { cpuSecondsOf } from './cpu-time.mjs';

// The liveness checkpoint follows the product's rule (nextLivenessCheckpoint, 45 s of slack at
// the default 60 s timeout), in SQL: the same values, so the same updates are HOT.
const UPDATE_CLUSTERS = `
  UPDATE clusters c SET last_liveness = v.last_liveness, last_reported_at = v.last_reported_at,
    reported_status = v.reported_status::jsonb, state = v.state, agent_version = v.agent_version,
    liveness_checkpoint = CASE
      WHEN c.liveness_checkpoint IS NULL OR c.liveness_checkpoint > v.last_liveness
        OR v.last_liveness - c.liveness_checkpoint > interval '45 seconds' THEN v.last_liveness
      ELSE c.liveness_checkpoint END
  FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::text[], $6::text[])
    AS v(id, last_liveness, last_reported_at, reported_status, state, agent_version)
  WHERE c.id = v.id`;
const INSERT_SAMPLES = `
  INSERT INTO metric_samples (cluster_id, time, metric_type, node_pool, value)
  SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::float8[])
  ON CONFLICT DO NOTHING`;

/** Builds the rows of `count` reports from the simulated agents, round robin, before the clock starts. */
function buildBatches(agents, count, batchSize) {
  const batches = [];
  for (let start = 0; start < count; start += batchSize) {
    const cluster = { ids: [], liveness: [], reportedAt: [], status: [], state: [], version: [] };
    const samples = { ids: [], times: [], types: [], pools: [], values: [] };
    for (let i = start; i < Math.min(count, start + batchSize); i++) {
      const agent = agents[i % agents.length];
      const report = agent.nextReport({ kind: 'healthy' }, '2.24', new Date());
      const { conditions, operands, platform, config, dependencies } = report;
      cluster.ids.push(agent.clusterId);
      cluster.reportedAt.push(report.reportedAt);
      cluster.status.push(JSON.stringify({ conditions, operands, platform, config, dependencies }));
      cluster.state.push('Connected');
      cluster.version.push(report.version);
      for (const m of report.metrics ?? []) {
        samples.ids.push(agent.clusterId);
        samples.times.push(report.reportedAt);
        samples.types.push(m.type);
        samples.pools.push(m.nodePool);
        samples.values.push(m.value);
      }
    }
    batches.push({ cluster, samples });
  }
  return batches;
}

/**
 * The bare upsert's rate is the noisier side of the ratio: one run lasts a few seconds, and
 * vacuum or a checkpoint landing in it moved single runs between 7 800 and 11 000 reports/s.
 * The median of `runs` runs, each over fresh report times (new metric sample rows), is the
 * baseline; every run's rate is returned too.
 */
export async function medianBareUpsertRate(databaseUrl, agents, options, runs = 3) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await bareUpsertRate(databaseUrl, agents, options));
  const sorted = [...results].sort((a, b) => a.rate - b.rate);
  return { ...sorted[Math.floor(sorted.length / 2)], runRates: results.map((r) => Math.round(r.rate)) };
}

export async function bareUpsertRate(databaseUrl, agents, { reports, batchSize, concurrency }) {
  const batches = buildBatches(agents, reports, batchSize);
  const clients = await Promise.all(Array.from({ length: concurrency }, async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
    return { client, pid: rows[0].pid };
  }));
  try {
    const cpuBefore = clients.map((c) => cpuSecondsOf(c.pid));
    const started = performance.now();
    let next = 0;
    await Promise.all(clients.map(async ({ client }) => {
      while (next < batches.length) await writeBatch(client, batches[next++]);
    }));
    const seconds = (performance.now() - started) / 1000;
    const postgresCpu = clients.reduce((sum, c, i) => sum + cpuSecondsOf(c.pid) - cpuBefore[i], 0);
    return { reports, seconds, rate: reports / seconds, postgresCpu: Math.round(postgresCpu * 10) / 10 };
  } finally {
    await Promise.all(clients.map((c) => c.client.end()));
  }
}

async function writeBatch(client, { cluster, samples }) {
  const now = new Date().toISOString();
  await client.query('BEGIN');
  await client.query(UPDATE_CLUSTERS, [cluster.ids, cluster.ids.map(() => now), cluster.reportedAt, cluster.status, cluster.state, cluster.version]);
  if (samples.ids.length > 0) await client.query(INSERT_SAMPLES, [samples.ids, samples.times, samples.types, samples.pools, samples.values]);
  await client.query('COMMIT');
}
