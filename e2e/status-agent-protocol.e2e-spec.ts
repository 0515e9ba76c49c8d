import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { AgentSimProcess, healthyAgentReport, http, signTestToken, TestAgent, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

interface ClusterRow {
  state: string;
  last_liveness: Date | null;
  last_reported_at: Date | null;
  reported_status: unknown;
  uninstall_acked_at: Date | null;
  deleted_at: Date | null;
}

/**
 * The agent protocol through the real gateway, status and deletion services: who may report,
 * what a bad report leaves behind (nothing), and the uninstall command riding on the answer
 * until the agent acknowledges it.
 */
describe('agent protocol: POST /api/v1/agent/clusters/{uuid}/status', () => {
  let system: TestSystem;
  let db: Pool;
  const tenant = uniqueTenant('agentproto');
  let token: string;

  beforeAll(async () => {
    system = await TestSystem.start({
      label: 'agentproto',
      services: ['provisioning', 'deletion', 'status', 'gateway'],
      // Only the agent's acknowledgement may finish a graceful delete in these tests.
      serviceEnv: { deletion: { AGENT_UNINSTALL_GRACE_MS: '600000', DELETE_RECHECK_MS: '100' } },
    });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    token = await signTestToken(tenant);
  });

  afterAll(async () => {
    await system?.stop();
    await db?.end();
  });

  const createCluster = async (name: string): Promise<string> => {
    const created = await http<{ uuid: string }>(system.gatewayUrl, 'POST', '/api/v1/clusters', { token, body: { name, version: '2.24' } });
    expect(created.status).toBe(201);
    return created.body.uuid;
  };
  const secretOf = async (id: string): Promise<string> =>
    (await http<{ clientSecret: string }>(system.gatewayUrl, 'GET', `/api/v1/clusters/${id}/cluster-install-info?version=2.24`, { token })).body.clientSecret;
  const post = (id: string, body: unknown, headers: Record<string, string> = {}) =>
    http<{ code?: number; message?: string; details?: string; commands?: { command: string; id: string }[] }>(system.gatewayUrl, 'POST', `/api/v1/agent/clusters/${id}/status`, { body, headers });
  const row = async (id: string): Promise<ClusterRow> =>
    (await db.query<ClusterRow>('SELECT state, last_liveness, last_reported_at, reported_status, uninstall_acked_at, deleted_at FROM clusters WHERE id = $1', [id])).rows[0]!;
  const samples = async (id: string): Promise<number> => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM metric_samples WHERE cluster_id = $1', [id])).rows[0]!.n;

  describe('authentication', () => {
    let clusterA: string;
    let clusterB: string;
    let secretB: string;

    beforeAll(async () => {
      clusterA = await createCluster('proto-auth-a');
      clusterB = await createCluster('proto-auth-b');
      secretB = await secretOf(clusterB);
    });

    it.each([
      ['no Authorization header', {}, 'missing client secret'],
      ['a Basic credential', { authorization: 'Basic dXNlcjpwYXNz' }, 'missing client secret'],
      ['a wrong secret', { authorization: 'Bearer not-the-secret' }, 'invalid client secret'],
    ])('answers 401 for %s, in the Run:ai error body', async (_label, headers, message) => {
      const answer = await post(clusterA, healthyAgentReport(), headers);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ code: 401, message });
    });

    it("answers 401 for another cluster's secret and stores nothing for either cluster", async () => {
      const answer = await post(clusterA, healthyAgentReport(), { authorization: `Bearer ${secretB}` });
      expect(answer).toMatchObject({ status: 401, body: { code: 401, message: 'invalid client secret' } });
      expect(await row(clusterA)).toMatchObject({ state: 'WaitingToConnect', last_liveness: null });
      expect(await row(clusterB)).toMatchObject({ state: 'WaitingToConnect', last_liveness: null });
    });

    it('answers 401, not 404, for a cluster that does not exist (its existence is not revealed)', async () => {
      const answer = await post('3f2b8c1e-0000-4000-8000-00000000dead', healthyAgentReport(), { authorization: `Bearer ${secretB}` });
      expect(answer.status).toBe(401);
    });

    it('answers 400 for a malformed cluster uuid', async () => {
      const answer = await post('not-a-uuid', healthyAgentReport(), { authorization: `Bearer ${secretB}` });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('clusterUuid');
    });

    it('accepts the right secret: 200 with no commands, and the cluster is Connected', async () => {
      const answer = await post(clusterB, healthyAgentReport(), { authorization: `Bearer ${secretB}` });
      expect(answer).toMatchObject({ status: 200, body: { commands: [] } });
      expect((await row(clusterB)).state).toBe('Connected');
    });
  });

  describe('a bad body', () => {
    let id: string;
    let auth: Record<string, string>;

    beforeAll(async () => {
      id = await createCluster('proto-bad-body');
      auth = { authorization: `Bearer ${await secretOf(id)}` };
    });

    it.each([
      ['without reportedAt', { version: '2.24' }, 'reportedAt'],
      ['with an unknown field', { ...healthyAgentReport(), clusterId: 'spoofed' }, 'clusterId'],
      ['with a condition reason that is not CamelCase', { ...healthyAgentReport(), conditions: [{ type: 'Available', status: 'True', reason: 'all good' }] }, 'conditions.0.reason'],
      ['with a non-finite metric', { ...healthyAgentReport(), metrics: [{ type: 'TOTAL_GPU', value: 'lots' }] }, 'metrics.0.value'],
      ['with an unknown command acknowledged', { ...healthyAgentReport(), acks: [{ command: 'reboot', id: 'x' }] }, 'acks.0.command'],
    ])('answers 400 for a report %s, naming the field, and stores nothing', async (_label, body, field) => {
      const answer = await post(id, body, auth);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 400 });
      expect(answer.body.message).toContain(field);
      expect(await row(id)).toMatchObject({ state: 'WaitingToConnect', last_liveness: null, last_reported_at: null, reported_status: null });
      expect(await samples(id)).toBe(0);
    });

    it('answers 400 for malformed JSON', async () => {
      const answer = await http<{ code: number }>(system.gatewayUrl, 'POST', `/api/v1/agent/clusters/${id}/status`, { body: '{"reportedAt":', headers: { ...auth, 'content-type': 'application/json' } });
      expect(answer.status).toBe(400);
      expect((await row(id)).last_liveness).toBeNull();
    });

    // The gateway forwards agent bodies unparsed: the status service answers for them with
    // the same checks, and the same words, as the gateway gives every other JSON body.
    it.each([
      ['nesting deeper than 32 levels', () => JSON.stringify(healthyAgentReport()).replace('"operands":{', `"operands":{"deep":${'['.repeat(40)}${']'.repeat(40)},`), 'nests deeper than 32 levels'],
      ['a NUL character', () => JSON.stringify(healthyAgentReport()).replace(/"version":"[^"]*"/, '"version":"2.\\u0000"'), 'version'],
      ['a __proto__ key', () => JSON.stringify(healthyAgentReport()).replace('{', '{"__proto__":{"polluted":true},'), 'not valid JSON'],
    ])('answers 400 for a body with %s and stores nothing', async (_label, text, message) => {
      const answer = await http<{ code: number; message: string }>(system.gatewayUrl, 'POST', `/api/v1/agent/clusters/${id}/status`, { body: text(), headers: { ...auth, 'content-type': 'application/json' } });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain(message);
      expect(await row(id)).toMatchObject({ last_liveness: null, reported_status: null });
    });

    it('answers 401 before looking at the body: a bad body without a valid secret reveals nothing', async () => {
      const answer = await http(system.gatewayUrl, 'POST', `/api/v1/agent/clusters/${id}/status`, { body: '{"reportedAt":', headers: { authorization: 'Bearer wrong', 'content-type': 'application/json' } });
      expect(answer.status).toBe(401);
    });
  });

  describe('uninstall', () => {
    it('rides on every answer while a graceful delete waits, ends with the ack, and the deleted cluster then answers 404 telling the agent to uninstall', async () => {
      const id = await createCluster('proto-uninstall');
      const agent = new TestAgent(system.gatewayUrl, token, id);
      expect((await agent.report()).body.commands).toEqual([]);

      expect((await http(system.gatewayUrl, 'DELETE', `/api/v1/clusters/${id}`, { token })).status).toBe(202);
      const uninstall = { command: 'uninstall', id: `uninstall-${id}` };
      expect((await agent.report()).body.commands).toEqual([uninstall]);
      // Not acknowledged yet: asked again, and the delete keeps waiting.
      expect((await agent.report()).body.commands).toEqual([uninstall]);
      expect(await row(id)).toMatchObject({ uninstall_acked_at: null, deleted_at: null });

      const acked = await agent.report(healthyAgentReport(new Date(), [{ command: 'uninstall', id: uninstall.id }]));
      expect(acked).toMatchObject({ status: 200, body: { commands: [] } });
      expect((await row(id)).uninstall_acked_at).not.toBeNull();

      await waitFor('the graceful delete to finish on the acknowledgement', async () => (await row(id)).deleted_at !== null);
      const afterDelete = await agent.report();
      expect(afterDelete.status).toBe(404);
      expect(afterDelete.body).toEqual({ code: 404, message: 'cluster was deleted; uninstall the agent', details: 'command: uninstall' });
    });

    it('agent-sim acknowledges the uninstall in one last report and stops; the delete then completes', async () => {
      const id = await createCluster('proto-sim-uninstall');
      const sim = AgentSimProcess.start(system.gatewayUrl, ['--token', token, '--cluster', id, '--interval', '200ms', '--duration', '60s']);
      try {
        await waitFor('the simulated agent to connect', async () => (await row(id)).state === 'Connected');
        expect((await http(system.gatewayUrl, 'DELETE', `/api/v1/clusters/${id}`, { token })).status).toBe(202);
        await sim.waitForLine('the uninstall request', (l) => l.msg === 'uninstall requested' && l.cluster === id);
        await sim.waitForLine('that it stopped', (l) => l.msg === 'uninstalled; agent stops' && l.cluster === id);
        expect(await sim.exitWithin(15_000)).toBe(0);
        await waitFor('the delete to finish', async () => (await row(id)).deleted_at !== null);
        expect(sim.lines.find((l) => l.msg === 'agent-sim stopped')).toMatchObject({ stopped: { uninstalled: 1, deleted: 0 }, failed: 0 });
      } finally {
        await sim.stop();
      }
    });

    it('answers 404 at once after a forced delete, though the gateway had just verified the secret; agent-sim then stops', async () => {
      const id = await createCluster('proto-forced');
      const secret = await secretOf(id);
      const agent = new TestAgent(system.gatewayUrl, token, id);
      expect((await agent.report()).status).toBe(200);
      expect((await http(system.gatewayUrl, 'DELETE', `/api/v1/clusters/${id}?force=true`, { token })).status).toBe(204);
      expect((await agent.report()).body).toEqual({ code: 404, message: 'cluster was deleted; uninstall the agent', details: 'command: uninstall' });

      // An installed agent knows its secret: the clusters file carries it, no user token needed.
      const file = join(mkdtempSync(join(tmpdir(), 'agent-sim-')), 'clusters.txt');
      writeFileSync(file, `${id} ${secret}\n`);
      const sim = await AgentSimProcess.run(system.gatewayUrl, ['--clusters-file', file, '--reports', '3', '--interval', '100ms']);
      expect(sim.lines.find((l) => l.cluster === id && String(l.msg).startsWith('cluster deleted; agent stops'))).toBeDefined();
      expect(sim.lines.find((l) => l.msg === 'agent-sim stopped')).toMatchObject({ sent: 1, stopped: { deleted: 1 } });
    });
  });
});
