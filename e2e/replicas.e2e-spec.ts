import { Pool } from 'pg';
import { http, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

/** Commands are shared by the NATS queue group and jobs by BullMQ, so replicas split the work. */
describe('two provisioning replicas', () => {
  let system: TestSystem;
  let db: Pool;
  const tenant = uniqueTenant('replicas');

  beforeAll(async () => {
    system = await TestSystem.start({ label: 'replicas', services: ['provisioning', 'gateway'], replicas: { provisioning: 2 } });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
  });

  afterAll(async () => {
    await system?.stop();
    await db?.end();
  });

  async function handledCreates(url: string): Promise<number> {
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const line = metrics.split('\n').find((l) => l.startsWith('clusterplane_command_duration_seconds_count{') && l.includes('command="cluster.create"') && l.includes('outcome="ok"'));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  it('share create commands and every cluster is provisioned exactly once', async () => {
    const token = await signTestToken(tenant);
    const creates = await Promise.all(
      Array.from({ length: 40 }, (_, i) => http<{ uuid: string }>(system.gatewayUrl, 'POST', '/api/v1/clusters', { token, body: { name: `replica-${i}` } })),
    );
    expect(creates.map((c) => c.status)).toEqual(Array(40).fill(201));
    const ids = creates.map((c) => c.body.uuid);

    await waitFor('all 40 clusters Ready', async () => {
      const { rows } = await db.query("SELECT count(*)::int AS n FROM clusters WHERE id = ANY($1::uuid[]) AND phase = 'Ready'", [ids]);
      return rows[0].n === 40;
    });
    const [first, second] = await Promise.all(system.replicas('provisioning').map((r) => handledCreates(r.url)));
    expect(first! + second!).toBe(40);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);

    const effects = await db.query('SELECT count(*)::int AS n, max(request_count) AS most FROM provider_effects WHERE resource_id = ANY($1::text[])', [ids]);
    expect(effects.rows[0].n).toBe(40);
    const ready = await db.query("SELECT count(*)::int AS n FROM outbox_events WHERE type = 'cluster.ready' AND resource_id = ANY($1::text[])", [ids]);
    expect(ready.rows[0].n).toBe(40);
  });
});
