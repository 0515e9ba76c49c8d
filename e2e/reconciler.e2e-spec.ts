import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { freePort, http, RedisServerProcess, sendCommand, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

/**
 * Postgres is the source of truth: work whose job was never enqueued (a crash between commit
 * and enqueue) or was lost with Redis (FLUSHALL) is found and re-enqueued by the reconcilers.
 */
describe('reconcilers heal lost jobs', () => {
  let redis: RedisServerProcess;
  let system: TestSystem;
  let db: Pool;
  let nc: NatsConnection;
  const tenant = uniqueTenant('reconcile');
  const actor = { tenantId: tenant.id, tenantSlug: tenant.slug, subject: `user@${tenant.slug}`, roles: ['admin' as const] };

  beforeAll(async () => {
    redis = new RedisServerProcess(await freePort());
    await redis.start();
    system = await TestSystem.start({
      label: 'reconcile',
      env: { REDIS_URL: redis.url, RECONCILE_INTERVAL_MS: '500', RECONCILE_MIN_AGE_MS: '300', JOB_BACKOFF_MS: '20', SIM_AGENT_INTERVAL_MS: '300', DELETE_RECHECK_MS: '100' },
      serviceEnv: { 'node-pool': { SIM_PROVIDER_LATENCY_MS: '100' } },
    });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    nc = await connect({ servers: testInfrastructure().natsUrl });
    await db.query('INSERT INTO tenants (id, slug) VALUES ($1, $2) ON CONFLICT DO NOTHING', [tenant.id, tenant.slug]);
  });

  afterAll(async () => {
    await system?.stop();
    await redis?.dispose();
    await db?.end();
    await nc?.drain();
  });

  const phase = async (id: string) => (await db.query('SELECT phase, deleted_at FROM clusters WHERE id = $1', [id])).rows[0];

  it('provisions a cluster committed without a job', async () => {
    const id = randomUUID();
    await db.query("INSERT INTO clusters (id, tenant_id, name, origin, phase, updated_at) VALUES ($1, $2, 'orphan-create', 'registered', 'Pending', now())", [id, tenant.id]);
    await waitFor('Ready through the reconciler', async () => (await phase(id)).phase === 'Ready');
  });

  it('finishes a graceful delete committed without a job', async () => {
    const id = randomUUID();
    await db.query(
      "INSERT INTO clusters (id, tenant_id, name, origin, phase, delete_requested_at, finalizers, updated_at) VALUES ($1, $2, 'orphan-delete', 'registered', 'Deleting', now(), ARRAY['agent-uninstall','credentials'], now())",
      [id, tenant.id],
    );
    await waitFor('deleted through the reconciler', async () => (await phase(id)).deleted_at !== null);
  });

  it('converges after Redis loses everything in the middle of provisioning and deleting', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const reply = await sendCommand(nc, system.isolation.subjectRoot, 'cluster.create', {
        actor,
        cluster: { name: `flush-${i}`, origin: 'managed', kind: 'kubernetes', provider: 'simulated', nodePools: [{ name: 'gpu', instanceType: 'h100.8x', count: 3 }] },
      });
      ids.push((reply.data as { id: string }).id);
    }
    const token = await signTestToken(tenant);
    const toDelete = ids.slice(0, 2);
    for (const id of toDelete) expect((await http(system.gatewayUrl, 'DELETE', `/api/v1/clusters/${id}`, { token })).status).toBe(202);

    const before = await db.query("SELECT count(*)::int AS n FROM clusters WHERE id = ANY($1::uuid[]) AND phase = 'Ready'", [ids]);
    expect(await redis.cli('FLUSHALL')).toBe('OK');
    expect(before.rows[0].n).toBeLessThan(4); // work was still in flight when Redis lost it

    await waitFor('every create Ready and every delete done', async () => {
      const { rows } = await db.query('SELECT id, phase, deleted_at FROM clusters WHERE id = ANY($1::uuid[])', [ids]);
      return rows.every((r) => (toDelete.includes(r.id) ? r.deleted_at !== null : r.phase === 'Ready'));
    }, { timeoutMs: 45_000 });
    const nodes = await db.query("SELECT count(*)::int AS n FROM nodes n JOIN node_pools p ON p.id = n.node_pool_id WHERE p.cluster_id = ANY($1::uuid[]) AND n.state = 'ready'", [ids.slice(2)]);
    expect(nodes.rows[0].n).toBe(4 * 3);
    process.stdout.write(`redis flush: clusters=${ids.length} ready before flush=${before.rows[0].n} converged ready=${ids.length - toDelete.length} deleted=${toDelete.length}\n`);
    const doubled = await db.query("SELECT count(*)::int AS n FROM provider_effects WHERE resource_id = ANY($1::text[]) AND operation = 'node.create' GROUP BY resource_id HAVING count(*) > 3", [ids]);
    expect(doubled.rowCount).toBe(0);
  });
});
