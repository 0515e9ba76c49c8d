import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { AgentSimProcess, healthyAgentReport, http, signTestToken, StatusProbe, TestAgent, TestSystem, testInfrastructure, uniqueTenant } from '@clusterplane/testing';

interface Condition {
  type: string;
  status: string;
  reason: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}
interface DisplayedCluster {
  lastLiveness: string | null;
  status?: { state: string; conditions?: Condition[]; dependencies?: { required: Record<string, { available: boolean }> } };
}

const seconds = (base: Date, s: number) => new Date(base.getTime() + s * 1000);

/**
 * Derived state and condition semantics through the real gateway and status service: a
 * scenario per state, Kubernetes transition times, observedGeneration, reordered and duplicated
 * reports, and `cluster.status-changed` on transitions only.
 */
describe('status: derived state, conditions and transitions', () => {
  let system: TestSystem;
  let db: Pool;
  let nc: NatsConnection;
  const tenant = uniqueTenant('states');
  let token: string;
  let probe: StatusProbe;

  beforeAll(async () => {
    system = await TestSystem.start({ label: 'states', services: ['provisioning', 'status', 'gateway'] });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    nc = await connect({ servers: testInfrastructure().natsUrl });
    token = await signTestToken(tenant);
    probe = new StatusProbe(system, db, nc, token);
  });

  afterAll(async () => {
    await system?.stop();
    await db?.end();
    await nc?.drain();
  });

  const createCluster = (name: string) => probe.createCluster(name);
  const storedState = (id: string) => probe.storedState(id);
  const transitions = (id: string) => probe.transitions(id);
  const displayed = async (id: string) => (await http<DisplayedCluster>(system.gatewayUrl, 'GET', `/api/v1/clusters/${id}`, { token })).body;
  const simulate = (id: string, scenario: string, reports: number) =>
    AgentSimProcess.run(system.gatewayUrl, ['--token', token, '--cluster', id, '--scenario', scenario, '--reports', String(reports), '--interval', '50ms']);

  describe('a scenario per state', () => {
    it('is WaitingToConnect before the first report', async () => {
      const id = await createCluster('states-waiting');
      expect((await displayed(id)).status?.state).toBe('WaitingToConnect');
      expect(await storedState(id)).toBe('WaitingToConnect');
    });

    it.each([
      ['healthy', 'Connected'],
      ['missing-prerequisites', 'MissingPrerequisites'],
      ['service-issues', 'ServiceIssues'],
    ])('agent-sim --scenario %s makes the cluster %s, announced once however many heartbeats follow', async (scenario, state) => {
      const id = await createCluster(`states-${scenario}`);
      await simulate(id, scenario, 4);
      expect((await displayed(id)).status?.state).toBe(state);
      expect(await storedState(id)).toBe(state);
      expect(await transitions(id)).toEqual([`WaitingToConnect→${state}`]);
    });

    it('is Unknown when the stored status cannot be read', async () => {
      const id = await createCluster('states-unknown');
      await simulate(id, 'healthy', 1);
      await db.query(`UPDATE clusters SET reported_status = '"not a status"'::jsonb WHERE id = $1`, [id]);
      expect((await displayed(id)).status?.state).toBe('Unknown');
    });

    it('follows a flapping cluster, one event per transition', async () => {
      const id = await createCluster('states-flapping');
      await simulate(id, 'flapping', 4);
      expect(await transitions(id)).toEqual(['WaitingToConnect→Connected', 'Connected→ServiceIssues', 'ServiceIssues→Connected', 'Connected→ServiceIssues']);
      expect(await storedState(id)).toBe('ServiceIssues');
    });
  });

  describe('conditions', () => {
    const available = (status: string, extra: Partial<Condition> = {}) => ({ type: 'Available', status, reason: status === 'True' ? 'AllReady' : 'SchedulerDown', message: '', ...extra });
    const reportWith = (reportedAt: Date, conditions: object[]) => ({ ...healthyAgentReport(reportedAt), conditions });
    const conditionOf = async (id: string) => (await displayed(id)).status?.conditions?.find((c) => c.type === 'Available');

    it('moves lastTransitionTime only when the status changes', async () => {
      const id = await createCluster('states-transition-time');
      const agent = new TestAgent(system.gatewayUrl, token, id);
      const t0 = new Date();
      await agent.report(reportWith(t0, [available('True', { lastTransitionTime: t0.toISOString() })]));
      expect((await conditionOf(id))?.lastTransitionTime).toBe(t0.toISOString());

      // The agent claims a later transition, and a new reason, but the status did not change.
      await agent.report(reportWith(seconds(t0, 10), [available('True', { reason: 'StillReady', lastTransitionTime: seconds(t0, 10).toISOString() })]));
      expect(await conditionOf(id)).toMatchObject({ status: 'True', reason: 'StillReady', lastTransitionTime: t0.toISOString() });

      await agent.report(reportWith(seconds(t0, 20), [available('False', { lastTransitionTime: seconds(t0, 19).toISOString() })]));
      expect(await conditionOf(id)).toMatchObject({ status: 'False', lastTransitionTime: seconds(t0, 19).toISOString() });

      // A change without a time from the agent takes the time it was received.
      const before = Date.now();
      await agent.report(reportWith(seconds(t0, 30), [available('True')]));
      const flippedAt = Date.parse((await conditionOf(id))!.lastTransitionTime);
      expect(flippedAt).toBeGreaterThanOrEqual(before - 5);
      expect(flippedAt).toBeLessThanOrEqual(Date.now());
      expect(await transitions(id)).toEqual(['WaitingToConnect→Connected', 'Connected→ServiceIssues', 'ServiceIssues→Connected']);
    });

    it('never lets an older observedGeneration overwrite a newer one', async () => {
      const id = await createCluster('states-generation');
      const agent = new TestAgent(system.gatewayUrl, token, id);
      const t0 = new Date();
      await agent.report(reportWith(t0, [available('True', { observedGeneration: 5, lastTransitionTime: t0.toISOString() })]));
      await agent.report(reportWith(seconds(t0, 10), [available('False', { observedGeneration: 4 })]));
      expect(await conditionOf(id)).toMatchObject({ status: 'True', observedGeneration: 5, lastTransitionTime: t0.toISOString() });
      expect((await displayed(id)).status?.state).toBe('Connected');

      await agent.report(reportWith(seconds(t0, 20), [available('False', { observedGeneration: 6, lastTransitionTime: seconds(t0, 20).toISOString() })]));
      expect(await conditionOf(id)).toMatchObject({ status: 'False', observedGeneration: 6, lastTransitionTime: seconds(t0, 20).toISOString() });
      expect((await displayed(id)).status?.state).toBe('ServiceIssues');
    });
  });

  describe('reordered and duplicated reports', () => {
    const liveness = async (id: string) => (await db.query<{ last_liveness: Date; last_reported_at: Date }>('SELECT last_liveness, last_reported_at FROM clusters WHERE id = $1', [id])).rows[0]!;
    const samples = async (id: string) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM metric_samples WHERE cluster_id = $1', [id])).rows[0]!.n;
    const missingDependency = { dependencies: { required: { 'nvidia-gpu-operator': { available: false } }, optional: {} } };

    it('keeps the newer status when an older report arrives late, while liveness still moves forward', async () => {
      const id = await createCluster('states-reordered');
      const agent = new TestAgent(system.gatewayUrl, token, id);
      const t0 = new Date();
      expect((await agent.report(healthyAgentReport(seconds(t0, 10)))).status).toBe(200);
      const first = await liveness(id);
      expect((await agent.report({ ...healthyAgentReport(seconds(t0, 5)), ...missingDependency })).status).toBe(200);
      const second = await liveness(id);

      expect(second.last_reported_at).toEqual(seconds(t0, 10));
      expect(second.last_liveness.getTime()).toBeGreaterThanOrEqual(first.last_liveness.getTime());
      expect((await displayed(id)).status).toMatchObject({ state: 'Connected', dependencies: { required: {} } });
      expect(await transitions(id)).toEqual(['WaitingToConnect→Connected']);
    });

    it('stores a duplicated report once: same status, its metric samples once, no second event', async () => {
      const id = await createCluster('states-duplicate');
      const agent = new TestAgent(system.gatewayUrl, token, id);
      const body = { ...healthyAgentReport(), metrics: [{ type: 'TOTAL_GPU', nodePool: 'h100-pool', value: 16 }, { type: 'GPU_UTILIZATION', nodePool: 'h100-pool', value: 63.5 }] };
      expect((await agent.report(body)).status).toBe(200);
      const first = await liveness(id);
      expect((await agent.report(body)).status).toBe(200);
      expect((await liveness(id)).last_reported_at).toEqual(first.last_reported_at);
      expect(await samples(id)).toBe(2);
      expect(await transitions(id)).toEqual(['WaitingToConnect→Connected']);
    });

    it('stores each metric sample at its own time or else the report time, under node pool "" when it names none', async () => {
      const id = await createCluster('states-sample-rows');
      const agent = new TestAgent(system.gatewayUrl, token, id);
      const reportedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      // 90 s before the report, written with a +02:00 offset.
      const sampledAt = new Date(reportedAt.getTime() - 90_000);
      const local = new Date(sampledAt.getTime() + 2 * 3600_000).toISOString().replace('Z', '+02:00');
      const metrics = [
        { type: 'TOTAL_GPU', nodePool: 'h100-pool', value: 16 },
        { type: 'GPU_UTILIZATION', value: 41.5, timestamp: local },
      ];
      expect((await agent.report({ ...healthyAgentReport(reportedAt), metrics })).status).toBe(200);
      const { rows } = await db.query<{ metric_type: string; node_pool: string; time: Date; value: number }>(
        'SELECT metric_type, node_pool, time, value FROM metric_samples WHERE cluster_id = $1 ORDER BY metric_type',
        [id],
      );
      expect(rows).toEqual([
        { metric_type: 'GPU_UTILIZATION', node_pool: '', time: sampledAt, value: 41.5 },
        { metric_type: 'TOTAL_GPU', node_pool: 'h100-pool', time: reportedAt, value: 16 },
      ]);
    });

    it('never moves liveness backwards when the same agent reports concurrently out of order', async () => {
      const id = await createCluster('states-concurrent');
      const agent = new TestAgent(system.gatewayUrl, token, id);
      const t0 = new Date();
      const answers = await Promise.all([30, 10, 20, 0].map((s) => agent.report(healthyAgentReport(seconds(t0, s)))));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      const stored = await liveness(id);
      expect(stored.last_reported_at).toEqual(seconds(t0, 30));
      const lastLiveness = stored.last_liveness.getTime();
      await agent.report(healthyAgentReport(seconds(t0, -60)));
      expect((await liveness(id)).last_liveness.getTime()).toBeGreaterThanOrEqual(lastLiveness);
      expect((await liveness(id)).last_reported_at).toEqual(seconds(t0, 30));
    });
  });

  it('stores the GPU metrics agent-sim reports per node pool', async () => {
    const id = await createCluster('states-metrics');
    await AgentSimProcess.run(system.gatewayUrl, ['--token', token, '--cluster', id, '--reports', '2', '--interval', '50ms', '--node-pools', '2']);
    const { rows } = await db.query<{ node_pool: string; metric_type: string; n: number; low: number; high: number }>(
      `SELECT node_pool, metric_type, count(*)::int AS n, min(value) AS low, max(value) AS high
       FROM metric_samples WHERE cluster_id = $1 GROUP BY node_pool, metric_type ORDER BY node_pool, metric_type`,
      [id],
    );
    expect(new Set(rows.map((r) => r.node_pool))).toEqual(new Set(['h100-pool', 'a100-pool']));
    expect(rows).toHaveLength(20);
    for (const r of rows) expect(r.n).toBe(2);
    for (const r of rows.filter((r) => r.metric_type.endsWith('_UTILIZATION'))) {
      expect(r.low).toBeGreaterThanOrEqual(0);
      expect(r.high).toBeLessThanOrEqual(100);
    }
    const total = rows.find((r) => r.node_pool === 'h100-pool' && r.metric_type === 'TOTAL_GPU')!;
    expect(total.low % 8).toBe(0); // whole nodes of 8 GPUs

    // The Run:ai metrics endpoint reads the same samples, per node pool.
    const query = new URLSearchParams({ start: new Date(Date.now() - 3600_000).toISOString(), end: new Date(Date.now() + 60_000).toISOString(), metricType: 'TOTAL_GPU', numberOfSamples: '1', groupBy: 'Nodepool' });
    const metrics = await http<{ measurements: { type: string; labels: Record<string, string>; values: { value: string }[] }[] }>(system.gatewayUrl, 'GET', `/api/v1/clusters/${id}/metrics?${query}`, { token });
    expect(metrics.status).toBe(200);
    expect(metrics.body.measurements.map((m) => [m.labels['nodepoolName'], Number(m.values[0]!.value)]).sort()).toEqual(
      rows.filter((r) => r.metric_type === 'TOTAL_GPU').map((r) => [r.node_pool, r.low]).sort(),
    );
  });
});
