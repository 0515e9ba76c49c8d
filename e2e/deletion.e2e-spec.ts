import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { healthyAgentReport, http, sendCommand, signTestToken, TestAgent, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

const GRACE_MS = 2_000;

/** SPEC section 5: graceful and forced deletes in every phase, with no provider resource left behind. */
describe('deleting clusters', () => {
  let system: TestSystem;
  let db: Pool;
  let nc: NatsConnection;
  let token: string;
  const tenant = uniqueTenant('deletion');
  const actor = { tenantId: tenant.id, tenantSlug: tenant.slug, subject: `user@${tenant.slug}`, roles: ['admin' as const] };

  beforeAll(async () => {
    system = await TestSystem.start({
      label: 'deletion',
      env: { JOB_BACKOFF_MS: '20', SIM_AGENT_INTERVAL_MS: '300', DELETE_RECHECK_MS: '100', AGENT_UNINSTALL_GRACE_MS: String(GRACE_MS) },
      serviceEnv: {
        // Provisioning calls take long enough to delete a cluster while they are in flight.
        provisioning: { SIM_PROVIDER_LATENCY_MS: '150' },
        'node-pool': { SIM_PROVIDER_LATENCY_MS: '150' },
        // Every credentials delete fails twice (per key) before it succeeds.
        deletion: { SIM_PROVIDER_FAIL: 'credentials.delete:2' },
      },
    });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    nc = await connect({ servers: testInfrastructure().natsUrl });
    token = await signTestToken(tenant);
  });

  afterAll(async () => {
    await system?.stop();
    await db?.end();
    await nc?.drain();
  });

  const api = <T = unknown>(method: string, path: string, body?: unknown) => http<T>(system.gatewayUrl, method, path, { token, body });
  const row = async (id: string) => (await db.query('SELECT * FROM clusters WHERE id = $1', [id])).rows[0];
  const registered = async (name: string) => (await api<{ uuid: string }>('POST', '/api/v1/clusters', { name, version: '2.24' })).body.uuid;
  const managed = async (name: string, tags: Record<string, string> = {}) => {
    const reply = await sendCommand(nc, system.isolation.subjectRoot, 'cluster.create', {
      actor,
      cluster: { name, origin: 'managed', kind: 'kubernetes', provider: 'simulated', tags, nodePools: [{ name: 'gpu', instanceType: 'h100.8x', count: 2 }] },
    });
    return (reply.data as { id: string }).id;
  };
  const phase = async (id: string) => (await row(id)).phase as string;
  const deletedWithin = async (id: string) => {
    await waitFor(`cluster ${id} deleted`, async () => (await row(id)).deleted_at !== null, { timeoutMs: 30_000 });
    const r = await row(id);
    return r.deleted_at.getTime() - r.delete_requested_at.getTime();
  };
  /** Provider resources created for the cluster that no delete effect matches. */
  const leaks = async (id: string) =>
    (await db.query(
      `SELECT c.operation FROM provider_effects c WHERE c.resource_id = $1 AND c.operation NOT LIKE '%.delete'
         AND NOT EXISTS (SELECT 1 FROM provider_effects d WHERE d.resource_id = c.external_id AND d.operation LIKE '%.delete')`,
      [id],
    )).rows;

  it('finishes as soon as the agent acknowledges the uninstall it was handed', async () => {
    const id = await registered('del-ack');
    const agent = new TestAgent(system.gatewayUrl, token, id);
    await agent.report();
    expect((await api('DELETE', `/api/v1/clusters/${id}`)).status).toBe(202);

    const answer = await agent.report();
    expect(answer.body.commands).toEqual([{ command: 'uninstall', id: `uninstall-${id}` }]);
    await agent.report(healthyAgentReport(new Date(), [{ command: 'uninstall', id: `uninstall-${id}` }]));
    expect(await deletedWithin(id)).toBeLessThan(GRACE_MS);
    expect((await row(id)).uninstall_acked_at).not.toBeNull();
    expect((await api('GET', `/api/v1/clusters/${id}`)).status).toBe(404);
    expect((await agent.report()).status).toBe(404);
  });

  it('waits out the grace period for an agent that never answers, and no longer', async () => {
    const id = await registered('del-silent');
    await new TestAgent(system.gatewayUrl, token, id).report();
    await api('DELETE', `/api/v1/clusters/${id}`);
    const elapsed = await deletedWithin(id);
    expect(elapsed).toBeGreaterThanOrEqual(GRACE_MS);
    expect(elapsed).toBeLessThan(GRACE_MS + 5_000);
    expect((await row(id)).uninstall_acked_at).toBeNull();
  });

  it('does not wait for a Disconnected agent', async () => {
    const id = await registered('del-disconnected');
    await new TestAgent(system.gatewayUrl, token, id).report();
    await db.query("UPDATE clusters SET last_liveness = now() - interval '10 minutes', state = 'Disconnected' WHERE id = $1", [id]);
    await api('DELETE', `/api/v1/clusters/${id}`);
    expect(await deletedWithin(id)).toBeLessThan(GRACE_MS);
  });

  it('answers a repeated graceful delete the same, lets force upgrade it, and 404s afterwards', async () => {
    const id = await registered('del-upgrade');
    await new TestAgent(system.gatewayUrl, token, id).report();
    const first = await api('DELETE', `/api/v1/clusters/${id}`);
    const again = await api('DELETE', `/api/v1/clusters/${id}`);
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.body).toEqual(first.body);
    const requested = (await row(id)).delete_requested_at.getTime();

    expect((await api('DELETE', `/api/v1/clusters/${id}?force=true`)).status).toBe(204);
    expect((await api('GET', `/api/v1/clusters/${id}`)).status).toBe(404);
    expect((await row(id)).delete_requested_at.getTime()).toBe(requested);
    expect((await api('DELETE', `/api/v1/clusters/${id}?force=true`)).status).toBe(404);
    expect((await api('DELETE', `/api/v1/clusters/${id}`)).status).toBe(404);
  });

  it('stops provisioning in flight when a managed cluster is deleted, and leaves nothing behind', async () => {
    const id = await managed('del-provisioning');
    await waitFor('Provisioning', async () => (await phase(id)) === 'Provisioning');
    expect((await api('DELETE', `/api/v1/clusters/${id}`)).status).toBe(202);
    await deletedWithin(id);
    // Jobs still in flight at the delete finish after it: give them until their provider calls land.
    // The control plane call was in flight when the delete landed: it lands, then is released.
    await waitFor('the in-flight control plane created and released', async () => {
      const { rows } = await db.query(
        'SELECT operation FROM provider_effects WHERE resource_id = $1 OR resource_id IN (SELECT external_id FROM provider_effects WHERE resource_id = $1)',
        [id],
      );
      const operations = rows.map((r) => r.operation);
      return operations.includes('control-plane.create') && operations.includes('control-plane.delete');
    }, { timeoutMs: 15_000 });
    await waitFor('no leaked provider resource', async () => (await leaks(id)).length === 0, { timeoutMs: 15_000 });
    const nodes = await db.query("SELECT count(*)::int AS n FROM nodes n JOIN node_pools p ON p.id = n.node_pool_id WHERE p.cluster_id = $1 AND n.state <> 'deleted'", [id]);
    expect(nodes.rows[0].n).toBe(0);
  });

  it('force-deletes a managed cluster mid-provisioning: orphans are collected and nothing leaks', async () => {
    const id = await managed('del-force-provisioning');
    await waitFor('Provisioning', async () => (await phase(id)) === 'Provisioning');
    expect((await api('DELETE', `/api/v1/clusters/${id}?force=true`)).status).toBe(204);
    expect((await api('GET', `/api/v1/clusters/${id}`)).status).toBe(404);
    await waitFor('every orphan collected', async () => {
      const { rows } = await db.query('SELECT count(*)::int AS n FROM orphaned_resources WHERE cluster_id = $1 AND collected_at IS NULL', [id]);
      return rows[0].n === 0;
    }, { timeoutMs: 20_000 });
    await waitFor('no leaked provider resource', async () => (await leaks(id)).length === 0, { timeoutMs: 15_000 });
  });

  it.each(['graceful', 'forced'])('deletes a Failed cluster (%s) without leaving anything', async (mode) => {
    const id = await managed(`del-failed-${mode}`, { 'sim.fail': 'node.create' });
    await waitFor('Failed', async () => (await phase(id)) === 'Failed', { timeoutMs: 30_000 });
    const response = await api('DELETE', `/api/v1/clusters/${id}${mode === 'forced' ? '?force=true' : ''}`);
    expect(response.status).toBe(mode === 'forced' ? 204 : 202);
    await deletedWithin(id);
    await waitFor('no leaked provider resource', async () => (await leaks(id)).length === 0, { timeoutMs: 15_000 });
  });

  it('retries a forced delete whose provider fails twice, visibly, until the orphan is collected once', async () => {
    const id = await registered('del-flaky-provider');
    await waitFor('Ready', async () => (await phase(id)) === 'Ready');
    expect((await api('DELETE', `/api/v1/clusters/${id}?force=true`)).status).toBe(204);
    const orphan = await waitFor('the orphan collected', async () => {
      const { rows } = await db.query('SELECT * FROM orphaned_resources WHERE cluster_id = $1', [id]);
      return rows[0]?.collected_at ? rows[0] : undefined;
    }, { timeoutMs: 20_000 });
    expect(orphan.kind).toBe('credentials');
    expect(orphan.attempts).toBe(3);
    expect(orphan.last_error).toBeNull();
    const deletes = await db.query("SELECT count(*)::int AS n FROM provider_effects WHERE resource_id = $1 AND operation = 'credentials.delete'", [orphan.external_id]);
    expect(deletes.rows[0].n).toBe(1);
    expect(await leaks(id)).toEqual([]);
  });
});
