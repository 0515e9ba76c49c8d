import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { findEvent, http, sendCommand, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

/**
 * A managed cluster on the simulated provider: control plane, then each pool's nodes (node-pool
 * service), then Ready, then the provider's agent reports so it shows Connected — and a graceful
 * delete that leaves no provider resource behind.
 */
describe('managed clusters on the simulated provider', () => {
  let system: TestSystem;
  let db: Pool;
  let nc: NatsConnection;
  const tenant = uniqueTenant('managed');
  const actor = { tenantId: tenant.id, tenantSlug: tenant.slug, subject: `user@${tenant.slug}`, roles: ['admin' as const] };

  beforeAll(async () => {
    system = await TestSystem.start({
      label: 'managed',
      env: { JOB_BACKOFF_MS: '20', SIM_AGENT_INTERVAL_MS: '300', DELETE_RECHECK_MS: '200' },
    });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    nc = await connect({ servers: testInfrastructure().natsUrl });
  });

  afterAll(async () => {
    await system?.stop();
    await db?.end();
    await nc?.drain();
  });

  const create = (name: string, extra: Record<string, unknown> = {}) =>
    sendCommand(nc, system.isolation.subjectRoot, 'cluster.create', {
      actor,
      cluster: { name, origin: 'managed', kind: 'kubernetes', provider: 'simulated', kubernetesVersion: 'v1.31.2', nodePools: [{ name: 'gpu', instanceType: 'h100.8x', count: 2 }, { name: 'system', instanceType: 'cpu.4x', count: 1 }], ...extra },
    });

  const cluster = async (id: string) => (await db.query('SELECT * FROM clusters WHERE id = $1', [id])).rows[0];

  it('provisions control plane and nodes, becomes Ready, then Connected through its simulated agent', async () => {
    const reply = await create('managed-a');
    expect(reply).toMatchObject({ ok: true });
    const id = (reply.data as { id: string }).id;

    await waitFor('Ready', async () => (await cluster(id)).phase === 'Ready');
    const row = await cluster(id);
    expect(row.endpoint).toMatch(/^https:\/\/.+:6443$/);
    expect(Buffer.from(row.ca_data, 'base64').toString()).toContain('BEGIN CERTIFICATE');

    const nodes = await db.query(
      `SELECT n.name, n.state, n.accelerator, n.taints, n.private_ip FROM nodes n JOIN node_pools p ON p.id = n.node_pool_id WHERE p.cluster_id = $1 ORDER BY n.name`,
      [id],
    );
    expect(nodes.rows.map((n) => [n.name, n.state])).toEqual([['gpu-0', 'ready'], ['gpu-1', 'ready'], ['system-0', 'ready']]);
    expect(nodes.rows[0].accelerator).toBe('nvidia-h100');
    expect(nodes.rows[0].taints).toEqual([{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }]);
    expect(nodes.rows[2].taints).toEqual([]);

    const token = await signTestToken(tenant);
    await waitFor('Connected through the simulated agent', async () => {
      const response = await http<{ status: { state: string } }>(system.gatewayUrl, 'GET', `/api/v1/clusters/${id}`, { token });
      return response.body.status?.state === 'Connected';
    });
    const ready = await findEvent(nc, system.isolation.eventStream, `${system.isolation.subjectRoot}.evt.cluster.ready`, (e) => e.subject === `cluster/${id}`);
    expect(ready.envelope.tenantId).toBe(tenant.id);
    const effects = await db.query("SELECT operation, count(*)::int AS n FROM provider_effects WHERE resource_id = $1 GROUP BY operation ORDER BY operation", [id]);
    expect(effects.rows).toEqual([
      { operation: 'agent.install', n: 1 },
      { operation: 'control-plane.create', n: 1 },
      { operation: 'credentials.issue', n: 1 },
      { operation: 'node.create', n: 3 },
    ]);
  });

  it('fails with the reason when the provider cannot provision, and publishes cluster.failed', async () => {
    const reply = await create('managed-fail', { tags: { 'sim.fail': 'provision' } });
    const id = (reply.data as { id: string }).id;
    await waitFor('Failed', async () => (await cluster(id)).phase === 'Failed', { timeoutMs: 30_000 });
    expect((await cluster(id)).phase_reason).toContain('control-plane.create failed');
    const failed = await findEvent(nc, system.isolation.eventStream, `${system.isolation.subjectRoot}.evt.cluster.failed`, (e) => e.subject === `cluster/${id}`);
    expect(failed.envelope.data['reason']).toContain('control-plane.create');
  });

  it('deletes gracefully: the agent acknowledges, pools and provider resources go, nothing leaks', async () => {
    const reply = await create('managed-del');
    const id = (reply.data as { id: string }).id;
    await waitFor('agent installed', async () => (await cluster(id)).agent_installed_at !== null);

    const token = await signTestToken(tenant);
    const deleted = await http(system.gatewayUrl, 'DELETE', `/api/v1/clusters/${id}`, { token });
    expect(deleted.status).toBe(202);
    await waitFor('deleted', async () => (await cluster(id)).deleted_at !== null, { timeoutMs: 30_000 });

    const row = await cluster(id);
    expect(row.uninstall_acked_at).not.toBeNull();
    expect(row.finalizers).toEqual([]);
    const leaks = await db.query(
      `SELECT c.operation, c.external_id FROM provider_effects c WHERE c.resource_id = $1 AND c.operation NOT LIKE '%.delete'
         AND NOT EXISTS (SELECT 1 FROM provider_effects d WHERE d.resource_id = c.external_id AND d.operation LIKE '%.delete')`,
      [id],
    );
    expect(leaks.rows).toEqual([]);
    const pools = await db.query('SELECT count(*)::int AS n FROM node_pools WHERE cluster_id = $1 AND deleted_at IS NULL', [id]);
    expect(pools.rows[0].n).toBe(0);
  });
});
