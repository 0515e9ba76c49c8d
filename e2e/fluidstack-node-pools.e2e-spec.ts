import type { Pool } from 'pg';
import { waitFor } from '@clusterplane/testing';
import { startFluidstack, waitForGone, waitForResource, type FluidstackCall, type FluidstackTest } from './support/fluidstack';

interface NodePool {
  id: string;
  name: string;
  count: number;
  nodes: { name: string; state: string; instanceID: string | null }[];
}

/**
 * Scaling Kubernetes node pools (seed 004, SPEC section 4): nodes appear as provisioning then
 * ready, surplus ones drain and go, two quick scales converge on the last count, and a pool
 * delete drains every node; the provider ends with exactly the machines the pools show.
 */
describe('Fluidstack node pool scaling', () => {
  let fluid: FluidstackTest;
  let db: Pool;
  let call: FluidstackCall;
  let clusterId: string;

  beforeAll(async () => {
    fluid = await startFluidstack('fsnodepools', {
      projects: ['pools'],
      // Every provider call of a node takes a while, so provisioning and draining can be seen.
      serviceEnv: { 'node-pool': { SIM_PROVIDER_LATENCY_MS: '250' }, deletion: { SIM_PROVIDER_LATENCY_MS: '250' } },
    });
    ({ db, call } = fluid);
    const cluster = await call<{ id: string }>('POST', '/kubernetes/clusters', { body: { name: `pools-${process.pid}`, version: '1.32.5' } });
    clusterId = cluster.body.id;
    await waitForResource<{ status: { type: string } }>(call, `/kubernetes/clusters/${clusterId}`, 'cluster READY', (c) => c.status.type === 'READY');
  });

  afterAll(() => fluid?.stop());

  const poolPath = (id = '') => `/kubernetes/clusters/${clusterId}/node-pools${id ? `/${id}` : ''}`;
  const createPool = async (name: string, count: number) => {
    const response = await call<NodePool>('POST', poolPath(), { body: { name, type: 'cpu.4x', count } });
    expect(response.status).toBe(201);
    return response.body.id;
  };
  const scale = async (id: string, count: number) => {
    const response = await call<NodePool>('PATCH', poolPath(id), { body: { count } });
    expect(response.status).toBe(200);
    expect(response.body.count).toBe(count);
  };

  /** Polls the pool until every node is ready and there are `count` of them, recording each node's states on the way. */
  const settle = async (id: string, count: number) => {
    const seen = new Map<string, string[]>();
    /** The poll in which each node was first seen in each state. */
    const firstSeen = new Map<string, number>();
    let poll = 0;
    const pool = await waitFor(`pool ${id} settled on ${count} ready nodes`, async () => {
      const { body } = await call<NodePool>('GET', poolPath(id));
      poll++;
      for (const node of body.nodes) {
        const states = seen.get(node.name) ?? [];
        if (states.at(-1) !== node.state) states.push(node.state);
        seen.set(node.name, states);
        if (!firstSeen.has(`${node.name}:${node.state}`)) firstSeen.set(`${node.name}:${node.state}`, poll);
      }
      return body.nodes.length === count && body.nodes.every((n) => n.state === 'ready') ? body : undefined;
    }, { timeoutMs: 45_000, intervalMs: 40 });
    return { pool, seen, firstSeen };
  };

  /** Node machines the provider holds for the cluster (created, not deleted). */
  const liveMachines = async () =>
    (await db.query(
      `SELECT c.external_id FROM provider_effects c WHERE c.resource_id = $1 AND c.operation = 'node.create'
         AND NOT EXISTS (SELECT 1 FROM provider_effects d WHERE d.resource_id = c.external_id AND d.operation = 'node.delete')`,
      [clusterId],
    )).rows.map((r) => r.external_id as string).sort();
  const poolMachines = async () => {
    const pools = (await call<NodePool[]>('GET', poolPath())).body;
    return pools.flatMap((p) => p.nodes.map((n) => n.instanceID)).sort();
  };

  it('scales up: new nodes show provisioning, then ready', async () => {
    const id = await createPool('up', 1);
    await settle(id, 1);
    await scale(id, 3);
    const { pool, seen } = await settle(id, 3);
    expect(pool.nodes.map((n) => n.name)).toEqual(['up-0', 'up-1', 'up-2']);
    expect(seen.get('up-1')).toEqual(['provisioning', 'ready']);
    expect(seen.get('up-2')?.at(-1)).toBe('ready');
    expect(seen.get('up-0')).toEqual(['ready']);
  });

  it('scales down: surplus nodes drain first, then go, highest ordinal first', async () => {
    const id = await createPool('down', 3);
    await settle(id, 3);
    await scale(id, 1);
    const { pool, seen, firstSeen } = await settle(id, 1);
    expect(pool.nodes.map((n) => n.name)).toEqual(['down-0']);
    // The job may start draining before the first poll after the PATCH, so `ready` may not be
    // seen again; what matters is that each surplus node drains, highest ordinal first.
    expect(seen.get('down-2')).toContain('draining');
    expect(seen.get('down-2')).not.toContain('provisioning');
    expect(seen.get('down-1')).toContain('draining');
    expect(firstSeen.get('down-2:draining')!).toBeLessThanOrEqual(firstSeen.get('down-1:draining')!);
    const retired = await db.query(
      "SELECT n.name, n.state FROM nodes n WHERE n.node_pool_id = $1 ORDER BY n.ordinal", [id]);
    expect(retired.rows).toEqual([{ name: 'down-0', state: 'ready' }, { name: 'down-1', state: 'deleted' }, { name: 'down-2', state: 'deleted' }]);
    expect(await liveMachines()).toEqual(await poolMachines());
  });

  it('converges on the last count when scaled twice in quick succession', async () => {
    const id = await createPool('twice', 1);
    await settle(id, 1);
    await scale(id, 4);
    await scale(id, 2);
    // Generation 3 (the last PATCH) is the one that converges; generation 2 never reports ready.
    const readyGenerations = async () =>
      (await db.query("SELECT (data->>'generation')::int AS generation FROM outbox_events WHERE resource_id = $1 AND type = 'nodepool.ready' ORDER BY seq", [id])).rows.map((r) => r.generation);
    await waitFor('generation 3 ready', async () => (await readyGenerations()).includes(3), { timeoutMs: 45_000 });
    expect(await readyGenerations()).toEqual([1, 3]);
    const { pool } = await settle(id, 2);
    expect(pool.nodes.map((n) => n.name)).toEqual(['twice-0', 'twice-1']);
    // Whatever the superseded job had started is gone again: the provider holds what the pools show.
    await waitFor('no machine beyond the pools', async () => JSON.stringify(await liveMachines()) === JSON.stringify(await poolMachines()), { timeoutMs: 20_000 });
  });

  it('scales to zero and back', async () => {
    const id = await createPool('zero', 1);
    await settle(id, 1);
    await scale(id, 0);
    await settle(id, 0);
    await scale(id, 1);
    const { pool } = await settle(id, 1);
    expect(pool.nodes[0]!.name).toBe('zero-0');
  });

  it('validates the count', async () => {
    const id = await createPool('checked', 0);
    for (const count of [-1, 1001, 1.5, '2', null]) {
      const response = await call('PATCH', poolPath(id), { body: { count } });
      expect(response.status).toBe(400);
      expect(response.body['message']).toMatch(/count/);
    }
    expect((await call('PATCH', poolPath(id), { body: {} })).body['message']).toMatch(/count: is required/);
    expect((await call('PATCH', poolPath('00000000-0000-4000-8000-000000000000'), { body: { count: 1 } })).status).toBe(404);
  });

  it('deletes a pool: 204, its nodes drain and go, then the pool is gone; scaling it meanwhile is 409', async () => {
    const id = await createPool('gone', 2);
    await settle(id, 2);
    expect((await call('DELETE', poolPath(id))).status).toBe(204);
    const refused = await call('PATCH', poolPath(id), { body: { count: 5 } });
    expect(refused.status).toBe(409);
    expect(refused.body['message']).toMatch(/is being deleted/);
    expect((await call('DELETE', poolPath(id))).status).toBe(204);
    await waitForGone(call, poolPath(id));
    expect((await call<NodePool[]>('GET', poolPath())).body.map((p) => p.id)).not.toContain(id);
    expect((await call('DELETE', poolPath(id))).status).toBe(404);
    const nodes = await db.query('SELECT state FROM nodes WHERE node_pool_id = $1', [id]);
    expect(nodes.rows.map((r) => r.state)).toEqual(['deleted', 'deleted']);
    expect(await liveMachines()).toEqual(await poolMachines());
    // The name is free again once the pool is gone.
    await createPool('gone', 0);
  });
});
