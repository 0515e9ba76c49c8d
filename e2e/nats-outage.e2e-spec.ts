import { Pool } from 'pg';
import { freePort, http, NatsServerProcess, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

const TIMEOUT_MS = 2_000;

interface Outcome {
  status: number;
  ms: number;
  id?: string;
}

/**
 * NATS stops for 5 s, then for 30 s, while clients keep creating clusters. Every request is
 * answered promptly (201, or 503/504 — none hangs past the command timeout), the gateway
 * recovers without a restart, and every cluster it accepted reaches Ready.
 */
describe('a NATS outage during a burst', () => {
  let nats: NatsServerProcess;
  let system: TestSystem;
  let db: Pool;
  let token: string;
  const tenant = uniqueTenant('outage');

  beforeAll(async () => {
    nats = new NatsServerProcess(await freePort());
    await nats.start();
    system = await TestSystem.start({ label: 'outage', services: ['provisioning', 'gateway'], env: { NATS_URL: nats.url, COMMAND_TIMEOUT_MS: String(TIMEOUT_MS) } });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    token = await signTestToken(tenant);
  });

  afterAll(async () => {
    await system?.stop();
    await nats?.dispose();
    await db?.end();
  });

  /** Sends creates back to back from `clients` loops until `until()` says stop. */
  async function burst(label: string, clients: number, until: () => boolean): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    let n = 0;
    await Promise.all(Array.from({ length: clients }, async () => {
      while (!until()) {
        const started = Date.now();
        const response = await http<{ uuid?: string }>(system.gatewayUrl, 'POST', '/api/v1/clusters', { token, body: { name: `${label}-${n++}` } });
        outcomes.push({ status: response.status, ms: Date.now() - started, id: response.body?.uuid });
        if (response.status !== 201) await new Promise((resolve) => setTimeout(resolve, 100)); // a client honouring Retry-After, briefly
      }
    }));
    return outcomes;
  }

  it.each([5_000, 30_000])('stays prompt and loses nothing through a %i ms outage', async (outageMs) => {
    let phase: 'before' | 'down' | 'after' = 'before';
    let stopAt = Infinity;
    const load = burst(`outage-${outageMs}`, 4, () => Date.now() > stopAt);
    await waitFor('some creates before the outage', async () => (await db.query('SELECT count(*)::int AS n FROM clusters WHERE tenant_id = $1', [tenant.id])).rows[0].n > 5);
    await nats.stop();
    phase = 'down';
    await new Promise((resolve) => setTimeout(resolve, outageMs)); // the outage itself: a scenario duration, not a wait for a condition
    await nats.start();
    phase = 'after';
    const recoveredAt = Date.now();
    await waitFor('creates succeeding again', async () => (await http(system.gatewayUrl, 'POST', '/api/v1/clusters', { token, body: { name: `probe-${outageMs}-${Date.now()}` } })).status === 201, { timeoutMs: 20_000, intervalMs: 200 });
    const recoveryMs = Date.now() - recoveredAt;
    stopAt = Date.now() + 1_000;
    const outcomes = await load;
    expect(phase).toBe('after');

    const accepted = outcomes.filter((o) => o.status === 201);
    const refused = outcomes.filter((o) => o.status === 503 || o.status === 504);
    const other = outcomes.filter((o) => ![201, 503, 504].includes(o.status));
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    process.stdout.write(`nats outage ${outageMs} ms: requests=${outcomes.length} accepted=${accepted.length} refused(503/504)=${refused.length} other=${other.length} slowest=${slowest} ms recovery=${recoveryMs} ms\n`);
    expect(other).toEqual([]);
    expect(refused.length).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(TIMEOUT_MS + 1_500);

    const ids = accepted.map((o) => o.id!);
    await waitFor('every accepted cluster Ready', async () => {
      const { rows } = await db.query("SELECT count(*)::int AS n FROM clusters WHERE id = ANY($1::uuid[]) AND phase = 'Ready'", [ids]);
      return rows[0].n === ids.length;
    }, { timeoutMs: 30_000 });
  });
});
