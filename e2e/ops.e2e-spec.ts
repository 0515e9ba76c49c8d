import { Queue } from 'bullmq';
import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { http, sendCommand, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

interface FailedJob {
  id: string;
  name: string;
  error: string;
  attempts: number;
}

/** Operators see the queues, the dead-letter set, and can retry, replay and reconcile. */
describe('ops API and queues UI', () => {
  let system: TestSystem;
  let db: Pool;
  let nc: NatsConnection;
  let queue: Queue;
  let ops: string;
  let admin: string;
  const tenant = uniqueTenant('ops');
  const actor = { tenantId: tenant.id, tenantSlug: tenant.slug, subject: `user@${tenant.slug}`, roles: ['admin' as const] };

  beforeAll(async () => {
    system = await TestSystem.start({
      label: 'ops',
      services: ['provisioning', 'gateway'],
      // Every control plane create fails, so managed creates end in the dead-letter set fast.
      env: { JOB_BACKOFF_MS: '5' },
      serviceEnv: { provisioning: { SIM_PROVIDER_FAIL: 'control-plane.create' } },
    });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    nc = await connect({ servers: testInfrastructure().natsUrl });
    queue = new Queue('provisioning', { connection: { url: testInfrastructure().redisUrl }, prefix: system.isolation.queuePrefix });
    ops = await signTestToken(tenant, ['ops']);
    admin = await signTestToken(tenant, ['admin']);
  });

  afterAll(async () => {
    await system?.stop();
    await queue?.close();
    await db?.end();
    await nc?.drain();
  });

  const api = <T = unknown>(method: string, path: string, token = ops) => http<T>(system.gatewayUrl, method, path, { token });

  async function failedClusters(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const reply = await sendCommand(nc, system.isolation.subjectRoot, 'cluster.create', { actor, cluster: { name: `ops-${Date.now()}-${i}`, origin: 'managed', provider: 'simulated', kind: 'kubernetes' } });
      ids.push((reply.data as { id: string }).id);
    }
    await waitFor('the jobs in the dead-letter set', async () => (await queue.getFailedCount()) >= count, { timeoutMs: 30_000 });
    return ids;
  }

  it('needs the ops role', async () => {
    expect((await http(system.gatewayUrl, 'GET', '/ops/api/queues')).status).toBe(401);
    expect((await api('GET', '/ops/api/queues', admin)).status).toBe(403);
  });

  it('counts jobs per state for every queue', async () => {
    const response = await api<{ queue: string; counts: Record<string, number> }[]>('GET', '/ops/api/queues');
    expect(response.status).toBe(200);
    expect(response.body.map((q) => q.queue)).toEqual(['provisioning', 'node-pool', 'deletion', 'status']);
    expect(Object.keys(response.body[0]!.counts)).toEqual(expect.arrayContaining(['waiting', 'active', 'delayed', 'completed', 'failed']));
  });

  it('lists failed jobs with their error and attempts, and retrying one whose cluster moved on is a no-op', async () => {
    const [id] = await failedClusters(1);
    const failed = await api<FailedJob[]>('GET', '/ops/api/queues/provisioning/failed');
    const job = failed.body.find((j) => j.id === `${id}.provision.g1`)!;
    expect(job).toMatchObject({ name: 'cluster.provision', attempts: 8 });
    expect(job.error).toContain('control-plane.create failed');
    await waitFor('the cluster marked Failed', async () => (await db.query('SELECT phase FROM clusters WHERE id = $1', [id])).rows[0].phase === 'Failed');

    expect((await api('POST', `/ops/api/queues/provisioning/jobs/${job.id}/retry`)).status).toBe(202);
    // The cluster is Failed (terminal): the retried job finds nothing to do and completes.
    await waitFor('the retried job completed', async () => (await (await queue.getJob(job.id))?.getState()) === 'completed');
    expect((await queue.getJob(job.id))?.returnvalue).toBe('skipped: the cluster is Failed');
    const effects = await db.query('SELECT count(*)::int AS n FROM provider_effects WHERE resource_id = $1', [id]);
    expect(effects.rows[0].n).toBe(0);
    expect((await api('POST', `/ops/api/queues/provisioning/jobs/${job.id}/retry`)).status).toBe(409);
    expect((await api('POST', '/ops/api/queues/provisioning/jobs/nope/retry')).status).toBe(404);
    expect((await api('GET', '/ops/api/queues/nope/failed')).status).toBe(404);
  });

  it('replays failed jobs of a queue up to a limit and reports what remains', async () => {
    await failedClusters(3);
    const before = await queue.getFailedCount();
    const response = await api<{ replayed: number; remaining: number }>('POST', '/ops/api/queues/provisioning/replay?limit=2');
    expect(response.status).toBe(202);
    expect(response.body.replayed).toBe(2);
    expect(response.body.remaining).toBe(before - 2);
  });

  it('triggers every reconciler on demand', async () => {
    const response = await api<{ triggered: string[] }>('POST', '/ops/api/reconcile');
    expect(response.status).toBe(202);
    expect(response.body.triggered).toEqual(expect.arrayContaining(['reconcile.provisioning', 'reconcile.node-pools', 'reconcile.deletions']));
    await waitFor('the provisioning reconciler ran', async () => (await queue.getCompleted()).some((j) => j.name === 'reconcile.provisioning' && j.id?.includes('.manual.')));
  });

  it('lists uncollected orphans', async () => {
    const response = await api<unknown[]>('GET', '/ops/api/orphans?limit=10');
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body)).toBe(true);
  });

  it('serves the queues UI to the ops role, from a token link then a cookie', async () => {
    expect((await http(system.gatewayUrl, 'GET', '/ops/queues')).status).toBe(401);
    expect((await http(system.gatewayUrl, 'GET', `/ops/queues?token=${admin}`)).status).toBe(403);
    const page = await fetch(`${system.gatewayUrl}/ops/queues?token=${ops}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const api = await fetch(`${system.gatewayUrl}/ops/queues/api/queues`, { headers: { cookie } });
    expect(api.status).toBe(200);
    expect(JSON.stringify(await api.json())).toContain('provisioning');
  });
});
