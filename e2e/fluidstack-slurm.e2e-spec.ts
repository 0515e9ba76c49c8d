import type { Pool } from 'pg';
import { http } from '@clusterplane/testing';
import { providerLeaks, startFluidstack, waitForGone, waitForResource, type FluidstackCall, type FluidstackTest } from './support/fluidstack';

interface SlurmCluster {
  id: string;
  name: string;
  version: string;
  loginNodes: { name: string; publicIP: string | null }[];
  status: { type: string };
}

interface SlurmPool {
  id: string;
  name: string;
  type: string;
  count: number;
  nodes: { name: string; instanceID: string; states: string[]; slurmdVersion: string; publicIP: string; privateIP: string; partitions: string[]; reservation: string | null; reason: string | null }[];
}

const SEED_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEaSkijEWFbnjixzWRw3u2spZZaeVeWO5/ymySevCvXh';
const OTHER_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGHjGGm+zeHVzkSaDgpBgYjWvG1o3wuXlSuFPRU0b+DS user@laptop';

/**
 * Fluidstack Slurm clusters (seed 004): provisioning with login nodes, node pools with Slurm's
 * node fields, users (409 on a duplicate, PUT replacing keys and keeping sudo), and a delete
 * that leaves nothing at the provider.
 */
describe('Fluidstack Slurm clusters', () => {
  let fluid: FluidstackTest;
  let db: Pool;
  let call: FluidstackCall;
  let clusterId: string;

  beforeAll(async () => {
    fluid = await startFluidstack('fsslurm', { projects: ['slurm'] });
    ({ db, call } = fluid);
  });

  afterAll(() => fluid?.stop());

  const users = (path = '') => `/slurm/clusters/${clusterId}/users${path}`;
  const ready = (id: string) => waitForResource<SlurmCluster>(call, `/slurm/clusters/${id}`, `Slurm cluster ${id} READY`, (c) => c.status.type === 'READY');

  it('creates a Slurm cluster with a default pool and its login node, PENDING then READY', async () => {
    const name = `slurm-${process.pid}`;
    const created = await call<SlurmCluster>('POST', '/slurm/clusters', { body: { name, defaultNodePool: { name: 'gpu', type: 'h100.8x', count: 2 } } });
    expect(created.status).toBe(201);
    clusterId = created.body.id;
    // No machine exists yet: the login node appears once the node-pool service builds it.
    expect(created.body).toEqual({ id: clusterId, name, version: '24.05.6', loginNodes: [], status: { type: 'PENDING', details: {} } });
    const done = await ready(clusterId);
    expect(done.loginNodes).toEqual([{ name: 'gpu-login-0', publicIP: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) }]);
    expect((await call<SlurmCluster[]>('GET', '/slurm/clusters')).body).toContainEqual(done);
    expect((await call<unknown[]>('GET', '/kubernetes/clusters')).body).toEqual([]);
    expect((await call('GET', `/kubernetes/clusters/${clusterId}`)).status).toBe(404);
  });

  it('shows Slurm node fields for each node of a pool', async () => {
    const pools = await call<SlurmPool[]>('GET', `/slurm/clusters/${clusterId}/node-pools`);
    expect(pools.status).toBe(200);
    expect(pools.body).toHaveLength(1);
    const [pool] = pools.body;
    expect(pool).toMatchObject({ name: 'gpu', type: 'h100.8x', count: 2 });
    expect(pool!.nodes).toHaveLength(2);
    expect(pool!.nodes[0]).toEqual({
      name: 'gpu-0',
      instanceID: expect.any(String),
      states: ['IDLE'],
      slurmdVersion: '24.05.6',
      publicIP: expect.any(String),
      privateIP: expect.any(String),
      partitions: ['gpu'],
      reservation: null,
      reason: null,
    });
    expect((await call<SlurmPool>('GET', `/slurm/clusters/${clusterId}/node-pools/${pool!.id}`)).body).toEqual(pool);
  });

  it('adds node pools (409 on a duplicate name) whose login nodes join the cluster’s', async () => {
    const created = await call<SlurmPool>('POST', `/slurm/clusters/${clusterId}/node-pools`, { body: { name: 'cpu', type: 'cpu.4x', count: 1, loginNodes: 1 } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'cpu', type: 'cpu.4x', count: 1 });
    expect((await call('POST', `/slurm/clusters/${clusterId}/node-pools`, { body: { name: 'cpu', type: 'cpu.4x', count: 1 } })).status).toBe(409);
    expect((await call('POST', `/slurm/clusters/${clusterId}/node-pools`, { body: { name: 'x', type: 'cpu.4x', count: 1, loginNodes: 17 } })).status).toBe(400);
    const cluster = await waitForResource<SlurmCluster>(call, `/slurm/clusters/${clusterId}`, 'two login nodes up', (c) => c.loginNodes.length === 2 && c.loginNodes.every((n) => n.publicIP));
    expect(cluster.loginNodes.map((n) => n.name)).toEqual(['gpu-login-0', 'cpu-login-0']);
    await waitForResource<SlurmPool>(call, `/slurm/clusters/${clusterId}/node-pools/${created.body.id}`, 'cpu pool up', (p) => p.nodes.length === 1 && p.nodes[0]!.states[0] === 'IDLE');
    // Slurm pools are created and read through this dialect; scaling and deleting them is not part of it.
    expect((await call('PATCH', `/slurm/clusters/${clusterId}/node-pools/${created.body.id}`, { body: { count: 2 } })).status).toBe(404);
  });

  it('adds a user (201), refuses a duplicate (409), lists and gets it', async () => {
    const added = await call('POST', users(), { body: { username: 'user01', sshKeys: [SEED_KEY] } });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ username: 'user01', sshKeys: [SEED_KEY], sudo: false });
    const duplicate = await call('POST', users(), { body: { username: 'user01', sshKeys: [OTHER_KEY], sudo: true } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body['message']).toMatch(/user 'user01' already exists/);
    expect((await call('GET', users())).body).toEqual([{ username: 'user01', sshKeys: [SEED_KEY], sudo: false }]);
    expect((await call('GET', users('/user01'))).body).toEqual({ username: 'user01', sshKeys: [SEED_KEY], sudo: false });
    expect((await call('GET', users('/nobody-here'))).status).toBe(404);
  });

  it('replaces the keys on PUT and keeps sudo unless it is given', async () => {
    expect((await call('POST', users(), { body: { username: 'admin01', sshKeys: [SEED_KEY], sudo: true } })).status).toBe(201);
    const replaced = await call('PUT', users('/admin01'), { body: { sshKeys: [OTHER_KEY] } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toEqual({ username: 'admin01', sshKeys: [OTHER_KEY], sudo: true });
    const demoted = await call('PUT', users('/admin01'), { body: { sshKeys: [SEED_KEY, OTHER_KEY], sudo: false } });
    expect(demoted.body).toEqual({ username: 'admin01', sshKeys: [SEED_KEY, OTHER_KEY], sudo: false });
    expect((await call('GET', users('/admin01'))).body).toEqual(demoted.body);
    expect((await call('PUT', users('/ghost'), { body: { sshKeys: [SEED_KEY] } })).status).toBe(404);
    expect((await call('PUT', users('/admin01'), { body: { sudo: true } })).status).toBe(400);
  });

  it.each([
    [{ username: 'user02', sshKeys: ['not a key'] }, /sshKeys.0/],
    [{ username: 'user02', sshKeys: ['ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIEaSkijEWFbnjixzWRw3u2spZZaeVeWO5/ymySevCvXh'] }, /not a ssh-rsa key/],
    [{ username: 'user02', sshKeys: [SEED_KEY.slice(0, -4)] }, /sshKeys.0/],
    [{ username: 'user02', sshKeys: [SEED_KEY, SEED_KEY] }, /must not list a key twice/],
    [{ username: 'user02' }, /sshKeys: is required/],
    [{ username: 'User 02', sshKeys: [SEED_KEY] }, /username/],
    [{ username: 'root', sshKeys: [SEED_KEY] }, /reserved/],
  ])('refuses a bad user %#', async (body, message) => {
    const response = await call('POST', users(), { body });
    expect(response.status).toBe(400);
    expect(response.body['message']).toMatch(message);
  });

  it('deletes a user (204, then 404)', async () => {
    expect((await call('POST', users(), { body: { username: 'leaver', sshKeys: [] } })).status).toBe(201);
    expect((await call('DELETE', users('/leaver'))).status).toBe(204);
    expect((await call('GET', users('/leaver'))).status).toBe(404);
    expect((await call('DELETE', users('/leaver'))).status).toBe(404);
    const events = await db.query("SELECT data->'slurmUsers' AS change FROM outbox_events WHERE resource_id = $1 AND type = 'cluster.updated' AND data ? 'slurmUsers' ORDER BY seq", [clusterId]);
    expect(events.rows.map((r) => r.change)).toContainEqual({ removed: 'leaver' });
  });

  it('validates the Slurm cluster body', async () => {
    for (const [body, message] of [
      [{ name: 'x', version: '24.5' }, /version: must be a Slurm version/],
      [{ version: '24.05.6' }, /name: is required/],
      [{ name: 'x', defaultNodePool: { count: 1 } }, /defaultNodePool.type: is required/],
      [{ name: 'x', defaultNodePool: { type: 'cpu.4x', loginNodes: -1 } }, /defaultNodePool.loginNodes/],
    ] as const) {
      const response = await call('POST', '/slurm/clusters', { body });
      expect(response.status).toBe(400);
      expect(response.body['message']).toMatch(message);
    }
  });

  it('deletes the cluster gracefully (204): its users can no longer change and nothing stays at the provider', async () => {
    expect((await call('DELETE', `/slurm/clusters/${clusterId}`)).status).toBe(204);
    expect((await call('POST', users(), { body: { username: 'latecomer', sshKeys: [SEED_KEY] } })).status).toBe(409);
    await waitForGone(call, `/slurm/clusters/${clusterId}`, 45_000);
    expect((await call('GET', users())).status).toBe(404);
    expect(await providerLeaks(db, clusterId)).toEqual([]);
    const runai = await http<{ uuid: string }[]>(fluid.system.gatewayUrl, 'GET', '/api/v1/clusters', { token: fluid.token });
    expect(runai.body.map((c) => c.uuid)).not.toContain(clusterId);
  });
});
