import { Queue } from 'bullmq';
import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { http, sendCommand, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

const CLUSTERS = 8;
const KILLS = 3;

/**
 * The deletion service dies (kill -9) mid-step, several times, while graceful deletes of
 * managed clusters run. Every delete still completes, every provider resource is deleted by
 * exactly one effect, and nothing is left behind.
 */
describe('deletion survives kill -9 mid-step', () => {
  let system: TestSystem;
  let db: Pool;
  let nc: NatsConnection;
  let queue: Queue;
  const tenant = uniqueTenant('delcrash');
  const actor = { tenantId: tenant.id, tenantSlug: tenant.slug, subject: `user@${tenant.slug}`, roles: ['admin' as const] };

  beforeAll(async () => {
    system = await TestSystem.start({
      label: 'delcrash',
      env: { JOB_BACKOFF_MS: '20', SIM_AGENT_INTERVAL_MS: '200', DELETE_RECHECK_MS: '100' },
      // Slow provider deletes keep steps in flight; a short lock hands a killed worker's job over quickly.
      serviceEnv: { deletion: { SIM_PROVIDER_LATENCY_MS: '250', JOB_LOCK_MS: '1500' } },
    });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    nc = await connect({ servers: testInfrastructure().natsUrl });
    queue = new Queue('deletion', { connection: { url: testInfrastructure().redisUrl }, prefix: system.isolation.queuePrefix });
  });

  afterAll(async () => {
    await system?.stop();
    await queue?.close();
    await db?.end();
    await nc?.drain();
  });

  it(`completes ${CLUSTERS} graceful deletes across ${KILLS} kills with every provider effect once`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < CLUSTERS; i++) {
      const reply = await sendCommand(nc, system.isolation.subjectRoot, 'cluster.create', {
        actor,
        cluster: { name: `crash-del-${i}`, origin: 'managed', kind: 'kubernetes', provider: 'simulated', nodePools: [{ name: 'gpu', instanceType: 'h100.8x', count: 2 }] },
      });
      ids.push((reply.data as { id: string }).id);
    }
    await waitFor('all clusters Ready with agents installed', async () => {
      const { rows } = await db.query("SELECT count(*)::int AS n FROM clusters WHERE id = ANY($1::uuid[]) AND phase = 'Ready' AND agent_installed_at IS NOT NULL", [ids]);
      return rows[0].n === CLUSTERS;
    }, { timeoutMs: 30_000 });

    const token = await signTestToken(tenant);
    const answers = await Promise.all(ids.map((id) => http(system.gatewayUrl, 'DELETE', `/api/v1/clusters/${id}`, { token })));
    expect(answers.map((a) => a.status)).toEqual(Array(CLUSTERS).fill(202));

    const deletion = system.service('deletion');
    for (let kill = 0; kill < KILLS; kill++) {
      const stillDeleting = await db.query('SELECT count(*)::int AS n FROM clusters WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL', [ids]);
      if (stillDeleting.rows[0].n === 0) break;
      await waitFor('a deletion job in flight', async () => (await queue.getActiveCount()) > 0, { timeoutMs: 20_000, intervalMs: 20 });
      await deletion.crash();
      await deletion.start();
    }

    await waitFor('every cluster deleted', async () => {
      const { rows } = await db.query('SELECT count(*)::int AS n FROM clusters WHERE id = ANY($1::uuid[]) AND deleted_at IS NOT NULL', [ids]);
      return rows[0].n === CLUSTERS;
    }, { timeoutMs: 60_000 });

    const created = await db.query("SELECT external_id FROM provider_effects WHERE resource_id = ANY($1::text[]) AND operation NOT LIKE '%.delete'", [ids]);
    const deletes = await db.query(
      "SELECT resource_id, count(*)::int AS effects, sum(request_count)::int AS requests FROM provider_effects WHERE operation LIKE '%.delete' AND resource_id = ANY($1::text[]) GROUP BY resource_id",
      [created.rows.map((r) => r.external_id)],
    );
    const orphans = await db.query('SELECT count(*)::int AS n FROM orphaned_resources WHERE cluster_id = ANY($1::uuid[]) AND collected_at IS NULL', [ids]);
    const replays = deletes.rows.reduce((sum, r) => sum + r.requests - r.effects, 0);
    process.stdout.write(`deletion crash test: deletes=${CLUSTERS} kills=${KILLS} resources=${created.rowCount} delete effects=${deletes.rowCount} replayed calls=${replays} orphans left=${orphans.rows[0].n}\n`);

    expect(created.rowCount).toBe(CLUSTERS * 5); // control plane, credentials, 2 nodes, agent
    expect(deletes.rowCount).toBe(created.rowCount);
    expect(deletes.rows.every((r) => r.effects === 1)).toBe(true);
    expect(orphans.rows[0].n).toBe(0);
  });
});
