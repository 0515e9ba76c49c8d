import type { NatsConnection } from 'nats';
import type { Pool } from 'pg';
import { parse } from 'yaml';
import { findEvent, http, waitFor, type TestSystem } from '@clusterplane/testing';
import { BASE, providerLeaks, startFluidstack, waitForGone, waitForResource, type FluidstackCall, type FluidstackTest } from './support/fluidstack';

interface KubernetesCluster {
  id: string;
  name: string;
  version: string;
  certificateAuthorityData: string;
  status: { type: string; details: Record<string, unknown> };
}

interface NodePool {
  id: string;
  name: string;
  cluster: string;
  type: string;
  count: number;
  version: string;
  nodes: { name: string; state: string; kubeletVersion: string; accelerator: unknown; taints: unknown[]; labels: Record<string, string>; conditions: { type: string; status: string }[] }[];
}

/**
 * Fluidstack managed Kubernetes clusters (seed 004) on the simulated provider: PENDING →
 * PROVISIONING → READY, CIDR rules, a kubeconfig that parses, an upgrade through UPDATING,
 * node pools, the cluster in the Run:ai list, and a graceful delete that leaves nothing behind.
 */
describe('Fluidstack Kubernetes clusters', () => {
  let fluid: FluidstackTest;
  let system: TestSystem;
  let db: Pool;
  let nc: NatsConnection;
  let call: FluidstackCall;
  let token: string;
  let project: string;
  let otherProject: string;

  beforeAll(async () => {
    fluid = await startFluidstack('fskubernetes', {
      projects: ['kubernetes', 'elsewhere'],
      serviceEnv: {
        // The first upgrade call of each cluster fails once, so UPDATING lasts past the PATCH answer.
        provisioning: { SIM_PROVIDER_FAIL: 'control-plane.upgrade:1' },
        // Each node takes a while, so a cluster with nodes is PROVISIONING long enough to be caught there.
        'node-pool': { SIM_PROVIDER_LATENCY_MS: '150' },
      },
    });
    ({ system, db, nc, call, token } = fluid);
    [project, otherProject] = fluid.projects as [string, string];
  });

  afterAll(() => fluid?.stop());

  let seq = 0;
  const name = (prefix: string) => `${prefix}-${process.pid}-${++seq}`;
  const create = async (body: Record<string, unknown>) => {
    const response = await call<KubernetesCluster>('POST', '/kubernetes/clusters', { body });
    expect(response.status).toBe(201);
    return response.body;
  };
  const ready = (id: string) => waitForResource<KubernetesCluster>(call, `/kubernetes/clusters/${id}`, `cluster ${id} READY`, (c) => c.status.type === 'READY', 45_000);

  it('creates a cluster with its default pool: PENDING at once, then PROVISIONING, then READY with every node ready', async () => {
    const clusterName = name('cluster');
    const created = await create({ name: clusterName, version: '1.32.5', podCIDRBlock: '10.233.0.0/18', serviceCIDRBlock: '10.233.64.0/18', defaultNodePool: { create: true, name: 'default', type: 'h100.8x', count: 2 } });
    expect(created).toEqual({ id: expect.any(String), name: clusterName, version: '1.32.5', certificateAuthorityData: '', status: { type: 'PENDING', details: { health: 'WaitingToConnect', healthReason: 'the agent has not reported yet' } } });

    const done = await ready(created.id);
    expect(Buffer.from(done.certificateAuthorityData, 'base64').toString()).toContain('BEGIN CERTIFICATE');
    const phases = await db.query("SELECT data->>'phase' AS phase FROM outbox_events WHERE resource_id = $1 AND type = 'cluster.updated' ORDER BY seq", [created.id]);
    expect(phases.rows.map((r) => r.phase)).toContain('Provisioning');
    await findEvent(nc, system.isolation.eventStream, `${system.isolation.subjectRoot}.evt.cluster.ready`, (e) => e.subject === `cluster/${created.id}`);

    const pools = await call<NodePool[]>('GET', `/kubernetes/clusters/${created.id}/node-pools`);
    expect(pools.status).toBe(200);
    expect(pools.body).toHaveLength(1);
    const [pool] = pools.body;
    expect(pool).toMatchObject({ name: 'default', cluster: clusterName, type: 'h100.8x', count: 2, version: '1.32.5' });
    expect(pool!.nodes.map((n) => [n.name, n.state, n.kubeletVersion])).toEqual([['default-0', 'ready', 'v1.32.5'], ['default-1', 'ready', 'v1.32.5']]);
    expect(pool!.nodes[0]).toMatchObject({
      accelerator: { type: 'nvidia/gpu', product: 'NVIDIA-H100-80GB-HBM3', driverVersion: expect.any(String) },
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
      labels: expect.objectContaining({ 'kubernetes.io/hostname': 'default-0', 'node-role.kubernetes.io/worker': '' }),
    });
    expect(pool!.nodes[0]!.conditions[0]).toMatchObject({ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: expect.any(String), lastTransitionTime: expect.any(String) });
    expect((await call<NodePool>('GET', `/kubernetes/clusters/${created.id}/node-pools/${pool!.id}`)).body).toEqual(pool);
  });

  it('shows a cluster created here in the Run:ai list of the same tenant', async () => {
    const { id } = await create({ name: name('runai-visible'), version: '1.31' });
    const runai = await http<{ uuid: string; name: string }[]>(system.gatewayUrl, 'GET', '/api/v1/clusters', { token });
    expect(runai.status).toBe(200);
    expect(runai.body.map((c) => c.uuid)).toContain(id);
    await ready(id);
    await waitFor('Connected in Run:ai', async () => (await http<{ status: { state: string } }>(system.gatewayUrl, 'GET', `/api/v1/clusters/${id}`, { token })).body.status?.state === 'Connected');
  });

  it('applies the CIDR defaults and validates blocks and their overlap', async () => {
    const { id } = await create({ name: name('defaults'), version: 'v1.32' });
    const row = (await db.query('SELECT pod_cidr, service_cidr, kubernetes_version FROM clusters WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ pod_cidr: '10.233.0.0/18', service_cidr: '10.233.64.0/18', kubernetes_version: '1.32' });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ podCIDRBlock: '10.233.0.0' }, /podCIDRBlock: must be an IPv4 CIDR block/],
      [{ podCIDRBlock: '10.233.1.0/18' }, /podCIDRBlock: must be a network address/],
      [{ serviceCIDRBlock: '10.0.0.0/30' }, /serviceCIDRBlock: prefix length/],
      [{ podCIDRBlock: '10.0.0.0/8', serviceCIDRBlock: '10.96.0.0/12' }, /serviceCIDRBlock: must not overlap podCIDRBlock/],
      [{ serviceCIDRBlock: '10.233.0.0/20' }, /must not overlap/],
      [{ version: 'latest' }, /version: must look like 1.32 or 1.32.5/],
      [{ version: undefined }, /version: is required/],
      [{ defaultNodePool: { create: true, count: 1 } }, /defaultNodePool.type: is required when create is true/],
      [{ defaultNodePool: { type: 'x100.1x' } }, /defaultNodePool.type/],
      [{ defaultNodePool: { type: 'cpu.4x', name: 'Bad_Name' } }, /defaultNodePool.name/],
      [{ defaultNodePool: { type: 'cpu.4x', count: -1 } }, /defaultNodePool.count/],
    ];
    for (const [override, message] of cases) {
      const response = await call('POST', '/kubernetes/clusters', { body: { name: name('bad'), version: '1.32.5', ...override } });
      expect(response.status).toBe(400);
      expect(response.body['message']).toMatch(message);
    }
  });

  it('refuses a second live cluster of the same name in the tenant (409)', async () => {
    const clusterName = name('twice');
    await create({ name: clusterName, version: '1.32.5' });
    const again = await call('POST', '/kubernetes/clusters', { body: { name: clusterName, version: '1.32.5' } });
    expect(again.status).toBe(409);
  });

  it('lists only this project’s Kubernetes clusters and answers 404 for another project’s', async () => {
    const { id } = await create({ name: name('scoped'), version: '1.32.5' });
    expect((await call<KubernetesCluster[]>('GET', '/kubernetes/clusters')).body.map((c) => c.id)).toContain(id);
    expect((await call<KubernetesCluster[]>('GET', '/kubernetes/clusters', { project: otherProject })).body.map((c) => c.id)).not.toContain(id);
    for (const [method, path] of [['GET', ''], ['PATCH', ''], ['DELETE', ''], ['GET', '/credentials'], ['GET', '/node-pools']] as const) {
      expect((await call(method, `/kubernetes/clusters/${id}${path}`, { project: otherProject, body: method === 'PATCH' ? { version: 'v1.33' } : undefined })).status).toBe(404);
    }
    expect((await call('GET', `/slurm/clusters/${id}`)).status).toBe(404);
  });

  it('returns a kubeconfig that parses, for the cluster’s API server, CA and a token of its own, never cached', async () => {
    const a = await create({ name: name('kubeconfig-a'), version: '1.32.5' });
    const b = await create({ name: name('kubeconfig-b'), version: '1.32.5' });
    await ready(a.id);
    await ready(b.id);
    const response = await http<string>(system.gatewayUrl, 'GET', `${BASE}/kubernetes/clusters/${a.id}/credentials`, { token, headers: { 'x-project-id': project } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toMatch(/^application\/yaml/);
    const config = parse(response.body as string);
    const row = (await db.query('SELECT endpoint, ca_data FROM clusters WHERE id = $1', [a.id])).rows[0];
    expect(config).toMatchObject({ apiVersion: 'v1', kind: 'Config', 'current-context': a.name });
    expect(config.clusters).toEqual([{ name: a.name, cluster: { server: row.endpoint, 'certificate-authority-data': row.ca_data } }]);
    expect(config.contexts).toEqual([{ name: a.name, context: { cluster: a.name, user: `${a.name}-admin` } }]);
    const tokenA = config.users[0].user.token as string;
    expect(tokenA).toMatch(/^cpk_[A-Za-z0-9_-]{43}$/);
    expect(config.clusters[0].cluster.server).toMatch(/^https:\/\/.+:6443$/);

    const again = parse((await http<string>(system.gatewayUrl, 'GET', `${BASE}/kubernetes/clusters/${a.id}/credentials`, { token, headers: { 'x-project-id': project } })).body as string);
    expect(again.users[0].user.token).toBe(tokenA);
    const other = parse((await http<string>(system.gatewayUrl, 'GET', `${BASE}/kubernetes/clusters/${b.id}/credentials`, { token, headers: { 'x-project-id': project } })).body as string);
    expect(other.users[0].user.token).not.toBe(tokenA);
  });

  it('upgrades a cluster through UPDATING and refuses downgrades and malformed versions', async () => {
    const created = await create({ name: name('upgrade'), version: '1.32.1', defaultNodePool: { type: 'cpu.4x', count: 1 } });
    await ready(created.id);
    expect((await call('PATCH', `/kubernetes/clusters/${created.id}`, { body: { version: '1.33.0' } })).status).toBe(400);
    const downgrade = await call('PATCH', `/kubernetes/clusters/${created.id}`, { body: { version: 'v1.31.9' } });
    expect(downgrade.status).toBe(400);
    expect(downgrade.body['message']).toBe('cannot downgrade from 1.32.1 to 1.31.9');

    const patched = await call<KubernetesCluster>('PATCH', `/kubernetes/clusters/${created.id}`, { body: { version: 'v1.32.5' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: '1.32.5', status: { type: 'UPDATING' } });
    const pools = (await call<NodePool[]>('GET', `/kubernetes/clusters/${created.id}/node-pools`)).body;
    expect(pools[0]).toMatchObject({ version: '1.32.1' });
    expect(pools[0]!.nodes[0]!.kubeletVersion).toBe('v1.32.1');

    await ready(created.id);
    const upgraded = (await call<NodePool[]>('GET', `/kubernetes/clusters/${created.id}/node-pools`)).body;
    expect(upgraded[0]).toMatchObject({ version: '1.32.5' });
    expect(upgraded[0]!.nodes.map((n) => n.kubeletVersion)).toEqual(['v1.32.5']);
    const unchanged = await call<KubernetesCluster>('PATCH', `/kubernetes/clusters/${created.id}`, { body: { version: 'v1.32.5' } });
    expect(unchanged.body.status.type).toBe('READY');
    const effects = await db.query("SELECT count(*)::int AS n, max(request_count)::int AS requests FROM provider_effects WHERE operation = 'control-plane.upgrade' AND idempotency_key LIKE $1", [`cluster/${created.id}/%`]);
    expect(effects.rows[0]).toEqual({ n: 1, requests: 1 });
    const events = await db.query("SELECT data->>'phase' AS phase FROM outbox_events WHERE resource_id = $1 AND type = 'cluster.updated' AND data ? 'kubernetesVersion' ORDER BY seq", [created.id]);
    expect(events.rows.map((r) => r.phase)).toEqual(['Updating', 'Ready']);
  });

  it('refuses an upgrade while the cluster is still provisioning or being deleted (409)', async () => {
    const { id } = await create({ name: name('busy'), version: '1.32.1', defaultNodePool: { type: 'cpu.4x', count: 2 } });
    const early = await call('PATCH', `/kubernetes/clusters/${id}`, { body: { version: 'v1.33' } });
    expect(early.status).toBe(409);
    expect(early.body['message']).toMatch(/is (PENDING|PROVISIONING); it can be upgraded once READY/);
    await ready(id);
    expect((await call('DELETE', `/kubernetes/clusters/${id}`)).status).toBe(204);
    const deleting = await call('PATCH', `/kubernetes/clusters/${id}`, { body: { version: 'v1.33' } });
    expect(deleting.status).toBe(409);
    expect(deleting.body['message']).toMatch(/is being deleted/);
  });

  it('creates node pools (409 on a live duplicate name) and lists them', async () => {
    const { id } = await create({ name: name('pools'), version: '1.32.5' });
    await ready(id);
    const created = await call<NodePool>('POST', `/kubernetes/clusters/${id}/node-pools`, { body: { name: 'cpu', type: 'cpu.4x', count: 1 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'cpu', type: 'cpu.4x', count: 1, version: '1.32.5' });
    const duplicate = await call('POST', `/kubernetes/clusters/${id}/node-pools`, { body: { name: 'cpu', type: 'h100.8x', count: 1 } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body['message']).toMatch(/already has a node pool named 'cpu'/);
    expect((await call('POST', `/kubernetes/clusters/${id}/node-pools`, { body: { name: 'x', type: 'nope', count: 1 } })).status).toBe(400);
    const pool = await waitForResource<NodePool>(call, `/kubernetes/clusters/${id}/node-pools/${created.body.id}`, 'pool ready', (p) => p.nodes.length === 1 && p.nodes[0]!.state === 'ready');
    expect(pool.nodes[0]).toMatchObject({ accelerator: null, taints: [] });
    expect((await call<NodePool[]>('GET', `/kubernetes/clusters/${id}/node-pools`)).body.map((p) => p.name)).toEqual(['cpu']);
    expect((await call('GET', `/kubernetes/clusters/${id}/node-pools/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('deletes a cluster gracefully: 204, DELETING, then gone, with no provider resource left', async () => {
    const { id } = await create({ name: name('doomed'), version: '1.32.5', defaultNodePool: { type: 'cpu.4x', count: 2 } });
    await ready(id);
    expect((await call('DELETE', `/kubernetes/clusters/${id}`)).status).toBe(204);
    // The agent's uninstall acknowledgement is awaited, so the cluster shows DELETING for a while.
    expect((await call<KubernetesCluster>('GET', `/kubernetes/clusters/${id}`)).body.status.type).toBe('DELETING');
    expect((await call<KubernetesCluster[]>('GET', '/kubernetes/clusters')).body.find((c) => c.id === id)?.status.type).toBe('DELETING');
    const revoked = await call('GET', `/kubernetes/clusters/${id}/credentials`);
    expect(revoked.status).toBe(409);
    expect(revoked.body['message']).toMatch(/being deleted/);
    await waitForGone(call, `/kubernetes/clusters/${id}`, 45_000);
    expect((await call('DELETE', `/kubernetes/clusters/${id}`)).status).toBe(404);
    expect(await providerLeaks(db, id)).toEqual([]);
  });
});
