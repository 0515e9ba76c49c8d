import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { http, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

/**
 * A provisioning worker dies (kill -9) after it replied and while its job is in flight. After a
 * restart the job is taken over as stalled, the cluster still reaches Ready, and every effect
 * happened once: one provider side effect, one checkpoint, one `cluster.ready` event.
 */
describe('provisioning survives kill -9 mid-job', () => {
  let system: TestSystem;
  let db: Pool;
  let queue: Queue;
  const tenant = uniqueTenant('crash');

  beforeAll(async () => {
    system = await TestSystem.start({
      label: 'crash',
      services: ['provisioning', 'gateway'],
      // The provider call takes long enough to be caught in flight; a short lock lets the
      // restarted worker take the stalled job over in seconds instead of 30.
      serviceEnv: { provisioning: { SIM_PROVIDER_LATENCY_MS: '1500', JOB_LOCK_MS: '2000' } },
    });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    queue = new Queue('provisioning', { connection: { url: testInfrastructure().redisUrl }, prefix: system.isolation.queuePrefix });
  });

  afterAll(async () => {
    await system?.stop();
    await queue?.close();
    await db?.end();
  });

  it('reaches Ready exactly once after the worker is killed and restarted', async () => {
    const token = await signTestToken(tenant);
    const created = await http<{ uuid: string }>(system.gatewayUrl, 'POST', '/api/v1/clusters', { token, body: { name: 'crash-1' } });
    expect(created.status).toBe(201);
    const clusterId = created.body.uuid;
    const jobId = `${clusterId}.provision.g1`;

    await waitFor('the provisioning job to be active', async () => (await queue.getJob(jobId))?.isActive());
    const provisioning = system.service('provisioning');
    const killedPid = provisioning.pid;
    await provisioning.crash();
    const phaseAtCrash = (await db.query('SELECT phase FROM clusters WHERE id = $1', [clusterId])).rows[0].phase;
    expect(phaseAtCrash).toBe('Pending');

    await provisioning.start();
    expect(provisioning.pid).not.toBe(killedPid);
    await waitFor('the cluster to be Ready after the restart', async () => {
      const { rows } = await db.query('SELECT phase FROM clusters WHERE id = $1', [clusterId]);
      return rows[0].phase === 'Ready';
    }, { timeoutMs: 30_000 });

    await waitFor('the job to be completed', async () => (await (await queue.getJob(jobId))?.getState()) === 'completed');
    const effects = await db.query('SELECT request_count FROM provider_effects WHERE resource_id = $1', [clusterId]);
    const steps = await db.query('SELECT step FROM resource_steps WHERE resource_id = $1', [clusterId]);
    const ready = await db.query("SELECT id FROM outbox_events WHERE resource_id = $1 AND type = 'cluster.ready'", [clusterId]);
    process.stdout.write(`crash test: provider effects=${effects.rowCount} (requests ${effects.rows.map((r) => r.request_count).join(',')}), checkpoints=${steps.rowCount}, ready events=${ready.rowCount}\n`);
    expect(effects.rowCount).toBe(1);
    expect(steps.rows.map((r) => r.step).sort()).toEqual(['credentials', 'ready']);
    expect(ready.rowCount).toBe(1);
  });
});
