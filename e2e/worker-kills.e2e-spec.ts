import { Pool } from 'pg';
import { http, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor, type ServiceName } from '@clusterplane/testing';

const CREATES = 200;
const DELETES = 100;
const KILL_ORDER: ServiceName[] = ['provisioning', 'deletion', 'status', 'node-pool', 'provisioning', 'deletion'];

/**
 * Each worker service is killed with SIGKILL and restarted, several times, while 200 clusters
 * are created and 100 deleted. The client retries what did not get a definite answer (503:
 * nothing ran; 504: it may or may not have run — names are unique, so a retry of a create that
 * did run answers 409). Every accepted request reaches its end state and every provider side
 * effect happened exactly once.
 */
describe('kill -9 of every worker service under load', () => {
  let system: TestSystem;
  let db: Pool;
  let token: string;
  const tenant = uniqueTenant('kills');

  beforeAll(async () => {
    system = await TestSystem.start({
      label: 'kills',
      env: { JOB_LOCK_MS: '1500', JOB_BACKOFF_MS: '50', RECONCILE_INTERVAL_MS: '1000', RECONCILE_MIN_AGE_MS: '2000', DELETE_RECHECK_MS: '200' },
      serviceEnv: { provisioning: { SIM_PROVIDER_LATENCY_MS: '40' }, deletion: { SIM_PROVIDER_LATENCY_MS: '40' } },
    });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    token = await signTestToken(tenant);
  });

  afterAll(async () => {
    await system?.stop();
    await db?.end();
  });

  let uncertain = 0;

  /** Retries until the answer is definite; counts the 503/504 answers it had to retry. */
  async function send(method: string, path: string, body?: unknown): Promise<{ status: number; uuid?: string }> {
    for (;;) {
      const response = await http<{ uuid?: string }>(system.gatewayUrl, method, path, { token, body });
      if (response.status !== 503 && response.status !== 504) return { status: response.status, uuid: response.body?.uuid };
      uncertain++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it(`creates ${CREATES} and deletes ${DELETES} clusters through ${KILL_ORDER.length} kills`, async () => {
    const kills = (async () => {
      let count = 0;
      for (const name of KILL_ORDER) {
        await new Promise((resolve) => setTimeout(resolve, 700)); // spacing between kills: part of the scenario
        await system.service(name).crash();
        await system.service(name).start();
        count++;
      }
      return count;
    })();

    const names = Array.from({ length: CREATES }, (_, i) => `kill-${i}`);
    const created: { name: string; status: number; uuid?: string }[] = [];
    const deletes: { status: number }[] = [];
    let live: { id: string; name: string }[] = [];
    try {
      for (let i = 0; i < names.length; i += 10) {
        created.push(...(await Promise.all(names.slice(i, i + 10).map(async (name) => ({ name, ...(await send('POST', '/api/v1/clusters', { name, version: '2.24' })) })))));
      }
      live = (await db.query('SELECT id, name FROM clusters WHERE tenant_id = $1 AND name = ANY($2::text[]) AND deleted_at IS NULL', [tenant.id, names])).rows;
      const toDelete = live.slice(0, DELETES).map((r) => r.id);
      for (let i = 0; i < toDelete.length; i += 10) deletes.push(...(await Promise.all(toDelete.slice(i, i + 10).map((id) => send('DELETE', `/api/v1/clusters/${id}`)))));
    } finally {
      // The kill schedule always runs to its end, so no restarted process outlives the test.
      await kills.catch(() => undefined);
    }
    const killCount = await kills;
    expect(created.every((c) => c.status === 201 || c.status === 409)).toBe(true);
    expect(live.length).toBe(CREATES);
    expect(deletes.every((d) => d.status === 202)).toBe(true);
    const toDelete = live.slice(0, DELETES).map((r) => r.id);

    const remaining = live.slice(DELETES).map((r) => r.id);
    await waitFor('every create Ready and every delete done', async () => {
      const ready = await db.query("SELECT count(*)::int AS n FROM clusters WHERE id = ANY($1::uuid[]) AND phase = 'Ready'", [remaining]);
      const gone = await db.query('SELECT count(*)::int AS n FROM clusters WHERE id = ANY($1::uuid[]) AND deleted_at IS NOT NULL', [toDelete]);
      return ready.rows[0].n === remaining.length && gone.rows[0].n === toDelete.length;
    }, { timeoutMs: 90_000 });

    const ids = live.map((r) => r.id);
    const issued = await db.query("SELECT resource_id, count(*)::int AS n FROM provider_effects WHERE resource_id = ANY($1::text[]) AND operation = 'credentials.issue' GROUP BY resource_id", [ids]);
    const issuedForDeleted = issued.rows.filter((r) => toDelete.includes(r.resource_id)).length;
    const revoked = await db.query(
      "SELECT count(*)::int AS n FROM provider_effects d WHERE d.operation = 'credentials.delete' AND d.resource_id IN (SELECT external_id FROM provider_effects WHERE resource_id = ANY($1::text[]))",
      [toDelete],
    );
    const replays = await db.query('SELECT coalesce(sum(request_count - 1), 0)::int AS n FROM provider_effects WHERE resource_id = ANY($1::text[])', [ids]);
    const duplicates = issued.rows.filter((r) => r.n !== 1).length;
    process.stdout.write(
      `worker kills: kills=${killCount} created=${CREATES} deleted=${DELETES} retried 503/504 answers=${uncertain} ` +
        `credential effects=${issued.rowCount} (deleted before provisioning: ${DELETES - issuedForDeleted}) duplicates=${duplicates} revocations=${revoked.rows[0].n} replayed calls=${replays.rows[0].n} lost=${CREATES - live.length}\n`,
    );
    expect(killCount).toBe(KILL_ORDER.length);
    // Every surviving cluster got its credentials once; a cluster deleted before its provisioning
    // ran never got any, and every one that did got them revoked once.
    expect(issued.rows.filter((r) => remaining.includes(r.resource_id)).length).toBe(remaining.length);
    expect(duplicates).toBe(0);
    expect(revoked.rows[0].n).toBe(issuedForDeleted);
  });
});
