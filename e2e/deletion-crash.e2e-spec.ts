import { Queue } from 'bullmq';
import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { http, sendCommand, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

const CLUSTERS = 8;
const KILLS = 3;
// The bounded waits below add up to 140 s; jest's own limit must not cut them short and hide which one ran out.
const TEST_TIMEOUT_MS = 150_000;

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
    const started = Date.now();
    const phases: string[] = [];
    const phase = (name: string) => phases.push(`${name} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
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
    phase('all Ready');

    const token = await signTestToken(tenant);
    const answers = await Promise.all(ids.map((id) => http(system.gatewayUrl, 'DELETE', `/api/v1/clusters/${id}`, { token })));
    expect(answers.map((a) => a.status)).toEqual(Array(CLUSTERS).fill(202));

    const deletion = system.service('deletion');
    const stillDeleting = async () => (await db.query('SELECT count(*)::int AS n FROM clusters WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL', [ids])).rows[0].n as number;
    let kills = 0;
    while (kills < KILLS) {
      // The last deletes may finish between two probes: then there is nothing left to kill.
      const moment = await waitFor('a deletion job in flight, or every delete done', async () => ((await queue.getActiveCount()) > 0 ? 'active' : (await stillDeleting()) === 0 ? 'done' : false), { timeoutMs: 20_000, intervalMs: 10 });
      if (moment === 'done') break;
      await deletion.crash();
      await deletion.start();
      kills++;
      phase(`kill ${kills}`);
    }

    await waitFor('every cluster deleted', async () => (await stillDeleting()) === 0, { timeoutMs: 60_000 }).catch(async (error: Error) => {
      throw new Error(`${error.message}; ${phases.join(', ')}; still deleting: ${JSON.stringify(await deletingState(ids))}`);
    });
    phase('all deleted');

    const created = await db.query("SELECT external_id FROM provider_effects WHERE resource_id = ANY($1::text[]) AND operation NOT LIKE '%.delete'", [ids]);
    const deletes = await db.query(
      "SELECT resource_id, count(*)::int AS effects, sum(request_count)::int AS requests FROM provider_effects WHERE operation LIKE '%.delete' AND resource_id = ANY($1::text[]) GROUP BY resource_id",
      [created.rows.map((r) => r.external_id)],
    );
    const orphans = await db.query('SELECT count(*)::int AS n FROM orphaned_resources WHERE cluster_id = ANY($1::uuid[]) AND collected_at IS NULL', [ids]);
    const replays = deletes.rows.reduce((sum, r) => sum + r.requests - r.effects, 0);
    process.stdout.write(`deletion crash test: deletes=${CLUSTERS} kills=${kills} (${phases.join(', ')}) resources=${created.rowCount} delete effects=${deletes.rowCount} replayed calls=${replays} orphans left=${orphans.rows[0].n}\n`);

    expect(kills).toBeGreaterThan(0); // a run where no kill landed mid-delete proves nothing
    expect(created.rowCount).toBe(CLUSTERS * 5); // control plane, credentials, 2 nodes, agent
    expect(deletes.rowCount).toBe(created.rowCount);
    expect(deletes.rows.every((r) => r.effects === 1)).toBe(true);
    expect(orphans.rows[0].n).toBe(0);
  }, TEST_TIMEOUT_MS);

  /** What a failure needs to be understood: each undeleted cluster's finalizers and its job's state. */
  async function deletingState(ids: string[]) {
    const { rows } = await db.query('SELECT id, finalizers, uninstall_acked_at, last_liveness FROM clusters WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL', [ids]);
    return Promise.all(rows.map(async (row) => {
      const job = (await queue.getJobs(['active', 'waiting', 'delayed', 'failed', 'completed'])).find((j) => j.data?.clusterId === row.id);
      return { ...row, job: job ? { id: job.id, state: await job.getState(), attempts: job.attemptsMade, stalled: job.stalledCounter, failedReason: job.failedReason } : null };
    }));
  }
});
