import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { distDir, findEvent, http, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

interface DisplayedCluster {
  uuid: string;
  tenantId: number;
  name: string;
  version: string | null;
  lastLiveness: string | null;
  deleteRequestedAt: string | null;
  status?: { state: string };
}

describe('foundation slice: gateway → NATS → services → Postgres → JetStream', () => {
  let system: TestSystem;
  let db: Pool;
  let nc: NatsConnection;
  const tenant = uniqueTenant('slice');
  let token: string;

  beforeAll(async () => {
    system = await TestSystem.start({ label: 'slice' });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    nc = await connect({ servers: testInfrastructure().natsUrl });
    token = await signTestToken(tenant);
  });

  afterAll(async () => {
    await system?.stop();
    await db?.end();
    await nc?.drain();
  });

  const api = <T>(method: string, path: string, body?: unknown, auth = token) => http<T>(system.gatewayUrl, method, path, { token: auth, body });

  const phaseOf = async (id: string): Promise<string | undefined> =>
    (await db.query<{ phase: string }>('SELECT phase FROM clusters WHERE id = $1', [id])).rows[0]?.phase;

  it('answers 401 in the Run:ai error body without a token', async () => {
    const response = await http<{ code: number; message: string }>(system.gatewayUrl, 'GET', '/api/v1/clusters');
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ code: 401, message: 'missing bearer token' });
  });

  it('creates a cluster, provisions it, and publishes cluster.created to JetStream with the outbox id', async () => {
    const created = await api<DisplayedCluster>('POST', '/api/v1/clusters', { name: 'slice-a', version: '2.24', uuid: 'ignored', tenantId: 1 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'slice-a', tenantId: tenant.id, version: '2.24', status: { state: 'WaitingToConnect' } });
    expect(created.body.uuid).not.toBe('ignored');

    const event = await findEvent(nc, system.isolation.eventStream, `${system.isolation.subjectRoot}.evt.cluster.created`, (e) => e.subject === `cluster/${created.body.uuid}`);
    expect(event.envelope).toMatchObject({ type: 'cluster.created', version: 1, tenantId: tenant.id, data: { name: 'slice-a' } });
    const outbox = await db.query('SELECT id FROM outbox_events WHERE resource_id = $1 AND type = $2', [created.body.uuid, 'cluster.created']);
    expect(event.msgId).toBe(outbox.rows[0].id);
    expect(event.envelope.id).toBe(outbox.rows[0].id);

    await waitFor('the cluster to be Ready', async () => (await phaseOf(created.body.uuid)) === 'Ready');
    const listed = await api<DisplayedCluster[]>('GET', '/api/v1/clusters');
    expect(listed.body.map((c) => c.uuid)).toContain(created.body.uuid);
    const fetched = await api<DisplayedCluster>('GET', `/api/v1/clusters/${created.body.uuid}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body.name).toBe('slice-a');
  });

  it('rejects a duplicate live name with 409 and an invalid body with 400', async () => {
    await api('POST', '/api/v1/clusters', { name: 'slice-dup' });
    const duplicate = await api<{ code: number }>('POST', '/api/v1/clusters', { name: 'slice-dup' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe(409);
    const invalid = await api<{ code: number; message: string }>('POST', '/api/v1/clusters', { name: 42 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toContain('name');
  });

  it('turns WaitingToConnect into Connected when agent-sim reports with the stable client secret', async () => {
    const created = await api<DisplayedCluster>('POST', '/api/v1/clusters', { name: 'slice-agent', version: '2.24' });
    const first = await api<{ clientSecret: string }>('GET', `/api/v1/clusters/${created.body.uuid}/cluster-install-info?version=2.24`);
    const second = await api<{ clientSecret: string; installationStr: string }>('GET', `/api/v1/clusters/${created.body.uuid}/cluster-install-info?version=2.24`);
    expect(first.status).toBe(200);
    expect(second.body.clientSecret).toBe(first.body.clientSecret);
    expect(second.body.installationStr).toContain(created.body.uuid);

    const wrongSecret = await http(system.gatewayUrl, 'POST', `/api/v1/agent/clusters/${created.body.uuid}/status`, { token: 'not-the-secret', body: {} });
    expect(wrongSecret.status).toBe(401);

    await runAgentSim(['--cluster', created.body.uuid, '--reports', '1']);
    const connected = await waitFor('state Connected', async () => {
      const response = await api<DisplayedCluster>('GET', `/api/v1/clusters/${created.body.uuid}`);
      return response.body.status?.state === 'Connected' ? response.body : undefined;
    });
    expect(connected.lastLiveness).not.toBeNull();
  });

  it('force-deletes with 204, after which GET is 404', async () => {
    const created = await api<DisplayedCluster>('POST', '/api/v1/clusters', { name: 'slice-force' });
    await waitFor('Ready', async () => (await phaseOf(created.body.uuid)) === 'Ready');
    const deleted = await api('DELETE', `/api/v1/clusters/${created.body.uuid}?force=true`);
    expect(deleted.status).toBe(204);
    expect((await api('GET', `/api/v1/clusters/${created.body.uuid}`)).status).toBe(404);
    expect((await api('DELETE', `/api/v1/clusters/${created.body.uuid}?force=true`)).status).toBe(404);
  });

  it('deletes gracefully with 202, and the deletion job finishes it', async () => {
    const created = await api<DisplayedCluster>('POST', '/api/v1/clusters', { name: 'slice-graceful', version: '2.24' });
    const deleted = await api<{ code: number }>('DELETE', `/api/v1/clusters/${created.body.uuid}`);
    expect(deleted.status).toBe(202);
    expect(deleted.body.code).toBe(202);
    await waitFor('the graceful delete to finish', async () => (await api('GET', `/api/v1/clusters/${created.body.uuid}`)).status === 404);
    const row = await db.query('SELECT deleted_at, finalizers FROM clusters WHERE id = $1', [created.body.uuid]);
    expect(row.rows[0].deleted_at).not.toBeNull();
    expect(row.rows[0].finalizers).toEqual([]);
  });

  async function runAgentSim(args: string[]): Promise<void> {
    const entry = join(distDir(), 'apps', 'agent-sim', 'src', 'main.js');
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [entry, '--gateway', system.gatewayUrl, '--token', token, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`agent-sim exited ${code}: ${output}`))));
    });
  }
});
