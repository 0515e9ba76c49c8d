import { Queue } from 'bullmq';
import { Pool } from 'pg';
import { healthyAgentReport, http, signTestToken, TestAgent, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

/** Far longer than the waits below: only the acknowledgement itself can finish these deletes in time. */
const RECHECK_MS = 60_000;
const CLUSTERS = 5;

/**
 * A graceful delete waits for the agent to acknowledge `uninstall`. The status service stores
 * the acknowledgement and wakes the delete's finalize job at once, instead of leaving it to its
 * next periodic re-check.
 */
describe('a graceful delete finishes as soon as the agent acknowledges the uninstall', () => {
  let system: TestSystem;
  let db: Pool;
  let queue: Queue;
  let token: string;
  const tenant = uniqueTenant('wakeack');

  beforeAll(async () => {
    system = await TestSystem.start({
      label: 'wakeack',
      env: { JOB_BACKOFF_MS: '20', DELETE_RECHECK_MS: String(RECHECK_MS), AGENT_UNINSTALL_GRACE_MS: String(5 * RECHECK_MS) },
    });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    queue = new Queue('deletion', { connection: { url: testInfrastructure().redisUrl }, prefix: system.isolation.queuePrefix });
    token = await signTestToken(tenant);
  });

  afterAll(async () => {
    await system?.stop();
    await queue?.close();
    await db?.end();
  });

  const api = <T = unknown>(method: string, path: string, body?: unknown) => http<T>(system.gatewayUrl, method, path, { token, body });

  it(`deletes ${CLUSTERS} clusters within seconds of their acknowledgements, not after a ${RECHECK_MS / 1000} s re-check`, async () => {
    const agents: TestAgent[] = [];
    for (let i = 0; i < CLUSTERS; i++) {
      const { body } = await api<{ uuid: string }>('POST', '/api/v1/clusters', { name: `wake-${i}`, version: '2.24' });
      const agent = new TestAgent(system.gatewayUrl, token, body.uuid);
      await agent.report();
      agents.push(agent);
    }
    for (const agent of agents) expect((await api('DELETE', `/api/v1/clusters/${agent.clusterId}`)).status).toBe(202);
    // Each delete's finalize job has run once and now waits on its re-check.
    await waitFor('every finalize job waiting on its re-check', async () => {
      const states = await Promise.all(agents.map(async (a) => (await queue.getJob(`${a.clusterId}.finalize`))?.getState()));
      return states.every((state) => state === 'delayed');
    });

    for (const agent of agents) {
      const { body } = await agent.report();
      expect(body.commands).toEqual([{ command: 'uninstall', id: `uninstall-${agent.clusterId}` }]);
      await agent.report(healthyAgentReport(new Date(), [{ command: 'uninstall', id: `uninstall-${agent.clusterId}` }]));
    }

    const ids = agents.map((a) => a.clusterId);
    await waitFor('every acknowledged cluster deleted', async () => {
      const { rows } = await db.query('SELECT count(*)::int AS n FROM clusters WHERE id = ANY($1::uuid[]) AND deleted_at IS NOT NULL', [ids]);
      return rows[0].n === CLUSTERS;
    }, { timeoutMs: 15_000 });
    const { rows } = await db.query('SELECT extract(epoch FROM deleted_at - uninstall_acked_at) * 1000 AS ms FROM clusters WHERE id = ANY($1::uuid[])', [ids]);
    const slowest = Math.max(...rows.map((r) => Number(r.ms)));
    process.stdout.write(`wake on ack: ${CLUSTERS} deletes, acknowledgement → deleted at most ${slowest.toFixed(0)} ms (re-check every ${RECHECK_MS} ms)\n`);
    expect(slowest).toBeLessThan(RECHECK_MS / 4);
  });
});
