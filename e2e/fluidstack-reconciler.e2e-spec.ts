import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { waitFor } from '@clusterplane/testing';
import { providerLeaks, startFluidstack, waitForResource, type FluidstackCall, type FluidstackTest } from './support/fluidstack';

/**
 * Postgres is the source of truth for Fluidstack resources too: work committed without its job
 * (a crash between commit and enqueue, a lost Redis) is found by the reconcilers and finished.
 */
describe('reconcilers finish Fluidstack work whose job was lost', () => {
  let fluid: FluidstackTest;
  let db: Pool;
  let call: FluidstackCall;
  let project: string;

  beforeAll(async () => {
    fluid = await startFluidstack('fsreconcile', { projects: ['reconciled'], env: { RECONCILE_INTERVAL_MS: '500', RECONCILE_MIN_AGE_MS: '300' } });
    ({ db, call } = fluid);
    project = fluid.projects[0]!;
  });

  afterAll(() => fluid?.stop());

  const insert = async (table: 'instances' | 'filesystems', state: string, extra: Record<string, unknown> = {}) => {
    const id = randomUUID();
    const columns = { id, tenant_id: fluid.tenant.id, project_id: project, name: `lost-${state}`, state, updated_at: new Date(Date.now() - 1_000), ...extra };
    const names = Object.keys(columns);
    await db.query(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(columns));
    return id;
  };
  const row = async (table: string, id: string) => (await db.query(`SELECT * FROM ${table} WHERE id = $1`, [id])).rows[0];

  it('builds an instance and a filesystem committed in creating without a job', async () => {
    const instance = await insert('instances', 'creating', { type: 'cpu.4x' });
    const filesystem = await insert('filesystems', 'creating', { size: '10Gi' });
    await waitFor('instance running', async () => (await row('instances', instance)).state === 'running', { timeoutMs: 30_000 });
    await waitFor('filesystem ready', async () => (await row('filesystems', filesystem)).state === 'ready', { timeoutMs: 30_000 });
    expect((await row('instances', instance)).ip).not.toBeNull();
  });

  it('finishes deletes of an instance and a filesystem committed without a job', async () => {
    const instance = await insert('instances', 'deleting', { type: 'cpu.4x' });
    const filesystem = await insert('filesystems', 'deleting', { size: '10Gi' });
    await waitFor('both gone', async () => (await row('instances', instance)).deleted_at !== null && (await row('filesystems', filesystem)).deleted_at !== null, { timeoutMs: 30_000 });
  });

  it('finishes an upgrade and a pool delete committed without a job', async () => {
    const created = await call<{ id: string }>('POST', '/kubernetes/clusters', { body: { name: `lost-${process.pid}`, version: '1.32.1', defaultNodePool: { type: 'cpu.4x', count: 1 } } });
    const id = created.body.id;
    await waitForResource<{ status: { type: string } }>(call, `/kubernetes/clusters/${id}`, 'READY', (c) => c.status.type === 'READY');
    const pool = (await db.query('SELECT id FROM node_pools WHERE cluster_id = $1', [id])).rows[0].id;
    await db.query("UPDATE clusters SET phase = 'Updating', kubernetes_version = '1.33.0', generation = generation + 1, updated_at = now() - interval '1 second' WHERE id = $1", [id]);
    await db.query("UPDATE node_pools SET phase = 'Deleting', generation = generation + 1, updated_at = now() - interval '1 second' WHERE id = $1", [pool]);

    const upgraded = await waitForResource<{ version: string; status: { type: string } }>(call, `/kubernetes/clusters/${id}`, 'READY again', (c) => c.status.type === 'READY', 30_000);
    expect(upgraded.version).toBe('1.33.0');
    await waitFor('pool retired', async () => (await row('node_pools', pool)).deleted_at !== null, { timeoutMs: 30_000 });
    const nodes = await db.query('SELECT state FROM nodes WHERE node_pool_id = $1', [pool]);
    expect(nodes.rows).toEqual([{ state: 'deleted' }]);
    expect((await db.query("SELECT count(*)::int AS n FROM provider_effects WHERE operation = 'control-plane.upgrade' AND idempotency_key = $1", [`cluster/${id}/control-plane/upgrade/1.33.0`])).rows[0].n).toBe(1);
    expect((await providerLeaks(db, id)).filter((op) => op === 'node.create')).toEqual([]);
  });
});
