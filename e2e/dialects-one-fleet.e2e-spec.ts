import { Pool } from 'pg';
import { http, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

interface RunaiCluster {
  uuid: string;
  name: string;
  domain: string | null;
  deleteRequestedAt: string | null;
}
interface TfCluster {
  id: string;
  fqn: string;
  manifest: { name: string; cluster_type: string; [key: string]: unknown };
}
interface FwCluster {
  name: string;
  displayName: string;
  state: string;
  eksCluster?: Record<string, string>;
  fakeCluster?: Record<string, string>;
}

/**
 * SPEC section 3: one fleet, every dialect. A cluster created through Run:ai, TrueFoundry or
 * Fireworks is seen, in each one's own shape, through the other two, and can be changed or
 * deleted through them; a Fluidstack cluster (Fluidstack routes see only their project's
 * resources) is seen through all three others too.
 */
describe('one fleet through Run:ai, TrueFoundry, Fireworks and Fluidstack', () => {
  let system: TestSystem;
  let db: Pool;
  const tenant = uniqueTenant('fleet');
  let token: string;
  let fireworks: string;

  beforeAll(async () => {
    system = await TestSystem.start({ label: 'fleet', env: { JOB_BACKOFF_MS: '20', SIM_AGENT_INTERVAL_MS: '300', DELETE_RECHECK_MS: '200' } });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    token = await signTestToken(tenant);
    fireworks = `/v1/accounts/${tenant.slug}/clusters`;
  });

  afterAll(async () => {
    await system?.stop();
    await db?.end();
  });

  const api = <T>(method: string, path: string, body?: unknown) => http<T>(system.gatewayUrl, method, path, { token, body });
  const runaiList = async () => (await api<RunaiCluster[]>('GET', '/api/v1/clusters?includeRequestedForDelete=true')).body;
  const tfList = async () => (await api<{ data: TfCluster[] }>('GET', '/api/svc/v1/clusters')).body.data;
  const fwGet = (name: string) => api<FwCluster>('GET', `${fireworks}/${name}`);
  const tfManifest = (name: string, clusterType: string) => ({
    type: 'cluster',
    name,
    cluster_type: clusterType,
    environment_names: ['dev'],
    base_domains: ['fleet.example.com'],
    collaborators: [{ subject: 'user:admin', role_id: 'cluster-admin' }],
  });

  let runai: RunaiCluster;
  let applied: TfCluster;
  let fake: FwCluster;

  it('creates one cluster through each dialect', async () => {
    const created = await api<RunaiCluster>('POST', '/api/v1/clusters', { name: 'fleet-runai', domain: 'runai.example.com', version: '2.24' });
    expect(created.status).toBe(201);
    runai = created.body;
    const put = await api<{ data: TfCluster }>('PUT', '/api/svc/v1/clusters', { manifest: tfManifest('fleet-tfy', 'azure-aks') });
    expect(put.status).toBe(200);
    applied = put.body.data;
    const eks = await api<FwCluster>('POST', fireworks, {
      clusterId: 'fleet-eks',
      cluster: { displayName: 'Fleet EKS', eksCluster: { awsAccountId: '210987654321', fireworksManagerRole: 'arn:aws:iam::210987654321:role/fw', region: 'eu-central-1', clusterName: 'fleet' } },
    });
    expect(eks.status).toBe(200);
    const managed = await api<FwCluster>('POST', fireworks, { clusterId: 'fleet-fake', cluster: { fakeCluster: { location: 'local' } } });
    expect(managed.status).toBe(200);
    await waitFor('fleet-fake READY', async () => (await fwGet('fleet-fake')).body.state === 'READY', { timeoutMs: 30_000 });
    fake = (await fwGet('fleet-fake')).body;
  });

  it('shows all four in the Run:ai list, the TrueFoundry list and through Fireworks', async () => {
    const names = ['fleet-runai', 'fleet-tfy', 'fleet-eks', 'fleet-fake'];
    expect((await runaiList()).map((c) => c.name)).toEqual(names);
    const tf = await tfList();
    expect(tf.map((c) => c.fqn)).toEqual(names.map((n) => `${tenant.slug}:${n}`));
    // Clusters not applied through TrueFoundry are described by the manifest their record implies.
    expect(tf.map((c) => c.manifest.cluster_type)).toEqual(['generic', 'azure-aks', 'aws-eks', 'generic']);
    expect(tf[0]!.manifest).toMatchObject({ type: 'cluster', name: 'fleet-runai', base_domains: ['runai.example.com'] });
    const fw = (await api<{ clusters: FwCluster[]; totalSize: number }>('GET', `${fireworks}?orderBy=create_time`)).body;
    expect(fw.totalSize).toBe(4);
    expect(fw.clusters.map((c) => c.name)).toEqual(names.map((n) => `accounts/${tenant.slug}/clusters/${n}`));
    expect(fw.clusters.map((c) => c.displayName)).toEqual(['fleet-runai', 'fleet-tfy', 'Fleet EKS', 'fleet-fake']);
    expect(fake.fakeCluster).toEqual({ location: 'local' });
  });

  it('shows the same identity everywhere: Run:ai uuid = TrueFoundry id, name = Fireworks cluster id', async () => {
    const runaiView = await api<RunaiCluster>('GET', `/api/v1/clusters/${applied.id}`);
    expect(runaiView.body).toMatchObject({ uuid: applied.id, name: 'fleet-tfy', domain: 'fleet.example.com' });
    const tfView = await api<{ data: TfCluster }>('GET', `/api/svc/v1/clusters/${runai.uuid}`);
    expect(tfView.body.data).toMatchObject({ id: runai.uuid, fqn: `${tenant.slug}:fleet-runai` });
    expect((await fwGet('fleet-tfy')).body).toMatchObject({ name: `accounts/${tenant.slug}/clusters/fleet-tfy`, state: 'READY' });
  });

  it('lets TrueFoundry apply to a cluster Fireworks registered, keeping its type and identity', async () => {
    const before = (await tfList()).find((c) => c.manifest.name === 'fleet-eks')!;
    const put = await api<{ data: TfCluster }>('PUT', '/api/svc/v1/clusters', { manifest: tfManifest('fleet-eks', 'aws-eks') });
    expect(put.status).toBe(200);
    expect(put.body.data.id).toBe(before.id);
    expect((await fwGet('fleet-eks')).body).toMatchObject({ displayName: 'Fleet EKS', eksCluster: { region: 'eu-central-1' } });
    expect((await api('PUT', '/api/svc/v1/clusters', { manifest: tfManifest('fleet-eks', 'generic') })).status).toBe(409);
  });

  it('renames through Fireworks what TrueFoundry applied', async () => {
    const patched = await api<FwCluster>('PATCH', `${fireworks}/fleet-tfy`, { displayName: 'Applied by TrueFoundry' });
    expect(patched.status).toBe(200);
    expect((await api<{ clusters: FwCluster[] }>('GET', `${fireworks}?filter=${encodeURIComponent('display_name="Applied by TrueFoundry"')}`)).body.clusters.map((c) => c.name)).toEqual([
      `accounts/${tenant.slug}/clusters/fleet-tfy`,
    ]);
  });

  it('deletes through one dialect what another created', async () => {
    // A TrueFoundry-applied cluster, force-deleted through Run:ai: gone everywhere at once.
    expect((await api('DELETE', `/api/v1/clusters/${applied.id}?force=true`)).status).toBe(204);
    expect((await api('GET', `/api/svc/v1/clusters/${applied.id}`)).status).toBe(404);
    expect((await fwGet('fleet-tfy')).status).toBe(404);

    // A Run:ai cluster, deleted gracefully through Fireworks: DELETING there, requested for delete in Run:ai.
    expect((await api('DELETE', `${fireworks}/fleet-runai`)).status).toBe(200);
    expect((await fwGet('fleet-runai')).body.state).toBe('DELETING');
    expect((await api<RunaiCluster>('GET', `/api/v1/clusters/${runai.uuid}`)).body.deleteRequestedAt).not.toBeNull();

    // A Fireworks fake cluster, force-deleted through TrueFoundry: its provider resources become orphans and are collected.
    const id = (await tfList()).find((c) => c.manifest.name === 'fleet-fake')!.id;
    expect((await api('DELETE', `/api/svc/v1/clusters/${id}`)).status).toBe(200);
    expect((await fwGet('fleet-fake')).status).toBe(404);
    await waitFor('orphans collected', async () => (await db.query('SELECT count(*)::int AS n FROM orphaned_resources WHERE cluster_id = $1 AND collected_at IS NULL', [id])).rows[0].n === 0, { timeoutMs: 30_000 });
    expect((await db.query('SELECT count(*)::int AS n FROM orphaned_resources WHERE cluster_id = $1', [id])).rows[0].n).toBeGreaterThan(0);

    await waitFor('fleet-runai gone', async () => (await fwGet('fleet-runai')).status === 404, { timeoutMs: 30_000 });
    expect((await runaiList()).map((c) => c.name)).toEqual(['fleet-eks']);
  });

  it('shows a Fluidstack cluster through the three other dialects, and a delete elsewhere as DELETING in Fluidstack', async () => {
    const fluidstack = (method: string, path: string, project?: string, body?: unknown) =>
      http<Record<string, unknown>>(system.gatewayUrl, method, `/api/v1alpha1${path}`, { token, body, headers: project ? { 'x-project-id': project } : {} });
    const project = (await fluidstack('POST', '/projects', undefined, { name: 'fleet-project' })).body['id'] as string;
    const created = await fluidstack('POST', '/kubernetes/clusters', project, { name: 'fleet-fluid', version: '1.32.5', defaultNodePool: { type: 'cpu.4x', count: 1 } });
    expect(created.status).toBe(201);
    const id = created.body['id'] as string;
    await waitFor('READY in Fluidstack', async () => ((await fluidstack('GET', `/kubernetes/clusters/${id}`, project)).body['status'] as { type: string }).type === 'READY', { timeoutMs: 30_000 });

    expect((await api<RunaiCluster>('GET', `/api/v1/clusters/${id}`)).body).toMatchObject({ uuid: id, name: 'fleet-fluid' });
    expect((await api<{ data: TfCluster }>('GET', `/api/svc/v1/clusters/${id}`)).body.data).toMatchObject({ id, fqn: `${tenant.slug}:fleet-fluid` });
    expect((await fwGet('fleet-fluid')).body).toMatchObject({ name: `accounts/${tenant.slug}/clusters/fleet-fluid`, state: 'READY' });

    expect((await api('DELETE', `/api/v1/clusters/${id}`)).status).toBe(202);
    expect(((await fluidstack('GET', `/kubernetes/clusters/${id}`, project)).body['status'] as { type: string }).type).toBe('DELETING');
    await waitFor('gone from Fluidstack', async () => (await fluidstack('GET', `/kubernetes/clusters/${id}`, project)).status === 404, { timeoutMs: 30_000 });
  });
});
