import { Pool } from 'pg';
import { http, signTestToken, TestSystem, testInfrastructure, uniqueTenant } from '@clusterplane/testing';

const FORGED_ID = '00000000-0000-4000-8000-00000000beef';
const OTHER_TENANT = 1_999_999_999;
const LONG_AGO = '2000-01-01T00:00:00Z';

/** Server-owned fields a client might try to set, in each dialect's spelling, and fields no schema knows. */
const FORGED: Record<string, unknown> = {
  uuid: FORGED_ID,
  id: FORGED_ID,
  tenantId: OTHER_TENANT,
  tenant_id: OTHER_TENANT,
  tenantName: 'mallory',
  accountId: 'mallory',
  // States the server would not give a new resource here (nothing fails, no agent disconnects).
  status: 'FAILED',
  state: 'Disconnected',
  phase: 'Failed',
  createdAt: LONG_AGO,
  createTime: LONG_AGO,
  updatedAt: LONG_AGO,
  deletedAt: LONG_AGO,
  deleted_at: LONG_AGO,
  createdBy: 'mallory',
  generation: 99,
  secretVersion: 99,
  finalizers: [],
  fqn: 'mallory:cluster',
  isAdmin: true,
  unknownField: 'smuggled',
};

/**
 * Server-owned fields (SPEC section 8) are never taken from input, and unknown fields never
 * reach the database. Every dialect's schemas drop fields they do not define, as the vendors'
 * APIs do, so each create answers 2xx; Postgres then shows only server-assigned values.
 */
describe('server-owned and unknown fields in create and update bodies', () => {
  let system: TestSystem;
  let db: Pool;
  const tenant = uniqueTenant('owned');
  let token: string;
  const startedAt = new Date(Date.now() - 60_000);

  beforeAll(async () => {
    // Creates are answered by provisioning (clusters, projects, filesystems) and node-pool (instances).
    system = await TestSystem.start({ label: 'owned', services: ['provisioning', 'node-pool', 'gateway'] });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    token = await signTestToken(tenant, ['admin']);
  });

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => http<Record<string, unknown>>(system.gatewayUrl, method, path, { token, body, headers });

  async function row(table: string, name: string): Promise<Record<string, unknown>> {
    const { rows } = await db.query(`SELECT to_jsonb(t) AS row FROM ${table} t WHERE tenant_id = $1 AND name = $2`, [tenant.id, name]);
    expect(rows).toHaveLength(1);
    return rows[0].row as Record<string, unknown>;
  }

  /** What no forged value may have reached, whatever the table. */
  function expectServerOwned(stored: Record<string, unknown>): void {
    expect(stored['id']).not.toBe(FORGED_ID);
    expect(stored['tenant_id']).toBe(tenant.id);
    expect(new Date(stored['created_at'] as string).getTime()).toBeGreaterThan(startedAt.getTime());
    expect(stored['deleted_at']).toBeNull();
    for (const column of ['state', 'phase', 'created_by']) {
      if (column in stored) expect(['Disconnected', 'Failed', 'FAILED', 'failed', 'mallory']).not.toContain(stored[column]);
    }
    // A create stores generation 1; an accepted update bumps it by one, never to a forged value.
    if ('generation' in stored) expect(stored['generation']).toBeLessThanOrEqual(2);
    if ('secret_version' in stored) expect(stored['secret_version']).toBe(1);
    expect(JSON.stringify(stored)).not.toMatch(/smuggled|isAdmin|mallory/);
  }

  afterEach(async () => {
    if (!db) return;
    for (const table of ['clusters', 'projects', 'instances', 'filesystems']) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE id = $1 OR tenant_id = $2`, [FORGED_ID, OTHER_TENANT]);
      expect(rows[0].n).toBe(0);
    }
  });

  it('Run:ai: POST and PUT ignore them', async () => {
    const created = await call('POST', '/api/v1/clusters', { ...FORGED, name: 'owned-runai', version: '2.20' });
    expect(created.status).toBe(201);
    expect(created.body['uuid']).not.toBe(FORGED_ID);
    expectServerOwned(await row('clusters', 'owned-runai'));
    const renamed = await call('PUT', `/api/v1/clusters/${created.body['uuid'] as string}`, { ...FORGED, name: 'owned-runai-2' });
    expect(renamed.status).toBe(204);
    const stored = await row('clusters', 'owned-runai-2');
    expect(stored['id']).toBe(created.body['uuid']);
    expectServerOwned(stored);
  });

  it('TrueFoundry: PUT ignores them beside and inside the manifest, and stores no unknown manifest key', async () => {
    const manifest = { ...FORGED, type: 'cluster', name: 'owned-tfy', cluster_type: 'aws-eks', environment_names: ['prod'], collaborators: [{ subject: 'user:owner@example.com', role_id: 'cluster-admin', ...FORGED }] };
    const applied = await call('PUT', '/api/svc/v1/clusters', { ...FORGED, manifest });
    expect(applied.status).toBe(200);
    const stored = await row('clusters', 'owned-tfy');
    expectServerOwned(stored);
    expect(Object.keys(stored['manifest'] as object)).not.toEqual(expect.arrayContaining(['uuid']));
  });

  it('Fireworks: create and PATCH ignore them', async () => {
    const base = `/v1/accounts/${tenant.slug}/clusters`;
    const cluster = { ...FORGED, name: 'accounts/mallory/clusters/x', displayName: 'owned fireworks', fakeCluster: { location: 'us-central1', ...FORGED } };
    const created = await call('POST', base, { ...FORGED, clusterId: 'owned-fw', cluster });
    expect(created.status).toBe(200);
    expect(created.body['name']).toBe(`accounts/${tenant.slug}/clusters/owned-fw`);
    expectServerOwned(await row('clusters', 'owned-fw'));
    const patched = await call('PATCH', `${base}/owned-fw`, { ...FORGED, displayName: 'renamed' });
    expect(patched.status).toBe(200);
    expectServerOwned(await row('clusters', 'owned-fw'));
  });

  it('Fluidstack: projects, instances, filesystems and Kubernetes clusters ignore them', async () => {
    const project = await call('POST', '/api/v1alpha1/projects', { ...FORGED, name: 'owned-project' });
    expect(project.status).toBeLessThan(300);
    expectServerOwned(await row('projects', 'owned-project'));
    const scoped = { 'x-project-id': project.body['id'] as string };
    const filesystem = await call('POST', '/api/v1alpha1/filesystems', { ...FORGED, name: 'owned-fs', size: '1Gi' }, scoped);
    expect(filesystem.status).toBeLessThan(300);
    expectServerOwned(await row('filesystems', 'owned-fs'));
    const instance = await call('POST', '/api/v1alpha1/instances', { ...FORGED, name: 'owned-vm', type: 'cpu.4x' }, scoped);
    expect(instance.status).toBeLessThan(300);
    expectServerOwned(await row('instances', 'owned-vm'));
    const cluster = await call('POST', '/api/v1alpha1/kubernetes/clusters', { ...FORGED, name: 'owned-k8s', version: '1.32.5' }, scoped);
    expect(cluster.status).toBeLessThan(300);
    const stored = await row('clusters', 'owned-k8s');
    expectServerOwned(stored);
    expect(stored['project_id']).toBe(project.body['id']);
  });
});
