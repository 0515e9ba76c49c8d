import { Queue } from 'bullmq';
import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { AgentSimProcess, signTestToken, StatusProbe, TestAgent, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

const LIVENESS_TIMEOUT_MS = 1_500;
const DAY_MS = 24 * 3600_000;

/**
 * The repeatable jobs of queue `status` on the real service: the liveness sweep (with a short
 * LIVENESS_TIMEOUT_MS) and the metric-sample retention (default 7 days).
 */
describe('status: liveness sweep and metric retention', () => {
  let system: TestSystem;
  let db: Pool;
  let nc: NatsConnection;
  let queue: Queue;
  const tenant = uniqueTenant('liveness');
  let token: string;
  let probe: StatusProbe;

  beforeAll(async () => {
    system = await TestSystem.start({
      label: 'liveness',
      services: ['provisioning', 'status', 'gateway'],
      env: { LIVENESS_TIMEOUT_MS: String(LIVENESS_TIMEOUT_MS), LIVENESS_SWEEP_INTERVAL_MS: '300', METRICS_PRUNE_INTERVAL_MS: '300' },
    });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    nc = await connect({ servers: testInfrastructure().natsUrl });
    queue = new Queue('status', { connection: { url: testInfrastructure().redisUrl }, prefix: system.isolation.queuePrefix });
    token = await signTestToken(tenant);
    probe = new StatusProbe(system, db, nc, token);
  });

  afterAll(async () => {
    await system?.stop();
    await queue?.close();
    await db?.end();
    await nc?.drain();
  });

  const createCluster = (name: string) => probe.createCluster(name);
  const storedState = (id: string) => probe.storedState(id);
  const displayedState = (id: string) => probe.displayedState(id);
  const transitions = (id: string) => probe.transitions(id);
  const completedSweeps = async () => (await queue.getCompleted(0, 10_000)).filter((j) => j.name === 'status.sweep-liveness').length;
  /** Lets the sweep run `runs` more times, so anything it would still do has been done. */
  const moreSweeps = async (runs: number) => {
    const before = await completedSweeps();
    await waitFor(`${runs} more liveness sweeps`, async () => (await completedSweeps()) >= before + runs, { timeoutMs: 20_000, intervalMs: 100 });
  };

  it('marks a silent cluster Disconnected once, and a new report connects it again', async () => {
    const id = await createCluster('liveness-silent');
    const sim = await AgentSimProcess.run(system.gatewayUrl, ['--token', token, '--cluster', id, '--scenario', 'disconnect-after=1s', '--interval', '200ms']);
    expect(sim.lines.find((l) => l.msg === 'agent goes silent (disconnect-after)')).toBeDefined();

    await waitFor('the sweep to mark the cluster Disconnected', async () => (await storedState(id)) === 'Disconnected', { timeoutMs: 20_000 });
    expect(await displayedState(id)).toBe('Disconnected');
    const { rows } = await db.query<{ state_changed_at: Date; last_liveness: Date }>('SELECT state_changed_at, last_liveness FROM clusters WHERE id = $1', [id]);
    expect(rows[0]!.state_changed_at.getTime() - rows[0]!.last_liveness.getTime()).toBeGreaterThan(LIVENESS_TIMEOUT_MS);

    await moreSweeps(3);
    expect(await transitions(id)).toEqual(['WaitingToConnect→Connected', 'Connected→Disconnected']);

    expect((await new TestAgent(system.gatewayUrl, token, id).report()).status).toBe(200);
    expect(await storedState(id)).toBe('Connected');
    expect(await transitions(id)).toEqual(['WaitingToConnect→Connected', 'Connected→Disconnected', 'Disconnected→Connected']);
  });

  it('sweeps a stale cluster that has no liveness checkpoint (its liveness written without a report)', async () => {
    const id = await createCluster('liveness-no-checkpoint');
    await db.query("UPDATE clusters SET state = 'Connected', last_liveness = now() - interval '1 hour', liveness_checkpoint = NULL WHERE id = $1", [id]);
    await waitFor('the sweep to mark the cluster Disconnected', async () => (await storedState(id)) === 'Disconnected', { timeoutMs: 20_000 });
  });

  it('never sweeps a cluster whose agent keeps reporting, and publishes nothing per heartbeat', async () => {
    const id = await createCluster('liveness-heartbeat');
    const sim = AgentSimProcess.start(system.gatewayUrl, ['--token', token, '--cluster', id, '--interval', '200ms', '--duration', '4s']);
    try {
      await waitFor('the agent to connect', async () => (await storedState(id)) === 'Connected');
      // Several sweeps run while the agent reports for longer than the liveness timeout.
      await moreSweeps(6);
      expect(await sim.exitWithin(15_000)).toBe(0);
    } finally {
      await sim.stop();
    }
    const summary = sim.lines.find((l) => l.msg === 'agent-sim stopped') as { accepted: number } | undefined;
    expect(summary?.accepted).toBeGreaterThanOrEqual(10);
    expect(await transitions(id)).toEqual(['WaitingToConnect→Connected']);
  });

  it('leaves WaitingToConnect clusters alone: only reported liveness can go stale', async () => {
    const id = await createCluster('liveness-never');
    await moreSweeps(2);
    expect(await storedState(id)).toBe('WaitingToConnect');
    expect(await displayedState(id)).toBe('WaitingToConnect');
  });

  it('deletes metric samples older than the retention (7 days by default) in batches, and keeps the rest', async () => {
    const id = await createCluster('liveness-metrics');
    const insertSamples = (count: number, ageMs: number, type: string) =>
      db.query(
        `INSERT INTO metric_samples (cluster_id, time, metric_type, node_pool, value)
         SELECT $1, now() - make_interval(secs => $2::float8 / 1000) - g * interval '1 second', $3, 'h100-pool', g FROM generate_series(1, $4::int) g`,
        [id, ageMs, type, count],
      );
    // More than one delete batch (5 000) of old samples.
    await insertSamples(12_000, 8 * DAY_MS, 'GPU_UTILIZATION');
    await insertSamples(30, 6 * DAY_MS, 'TOTAL_GPU');
    await insertSamples(30, 0, 'ALLOCATED_GPU');

    const count = async (type: string) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM metric_samples WHERE cluster_id = $1 AND metric_type = $2', [id, type])).rows[0]!.n;
    await waitFor('the samples older than 7 days to be pruned', async () => (await count('GPU_UTILIZATION')) === 0, { timeoutMs: 20_000 });
    expect(await count('TOTAL_GPU')).toBe(30);
    expect(await count('ALLOCATED_GPU')).toBe(30);
  });
});
