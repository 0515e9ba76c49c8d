import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createPrivateDatabase, type PrivateDatabase } from '../test-support/private-database';
import { STATUS_BATCH_LOCK_CLUSTERS, STATUS_BATCH_READ_CLUSTERS, STATUS_BATCH_UPDATE_CLUSTERS } from './status-batch.statements';

const STATUS = {
  conditions: [{ type: 'Available', status: 'True', reason: 'AllOperandsReady', message: 'all operands are ready', lastTransitionTime: '2026-11-24T12:00:00.000Z' }],
  operands: { scheduler: { ready: true }, 'metrics-exporter': { ready: true } },
  platform: { type: 'vanilla', kubeVersion: 'v1.31.2' },
  config: { workloadOwnershipProtection: false, subdomainEnabled: false, ingressClass: 'nginx' },
  dependencies: { required: { 'nvidia-gpu-operator': { available: true } }, optional: { prometheus: { available: true } } },
};

/** A private database (its table statistics this test's alone) holding one registered cluster, and a client on it. */
async function databaseWithOneCluster(label: string, clusterId: string): Promise<{ database: PrivateDatabase; client: Client }> {
  const database = await createPrivateDatabase(label);
  const client = new Client({ connectionString: database.url });
  await client.connect();
  await client.query("INSERT INTO tenants (id, slug) VALUES (1, 'status-batch')");
  await client.query("INSERT INTO clusters (id, tenant_id, name, origin, phase) VALUES ($1, 1, 'status-batch', 'registered', 'Ready')", [clusterId]);
  return { database, client };
}

/**
 * The status batch's update must not rewrite the clusters table's indexes for a heartbeat:
 * Postgres updates the row in place (a HOT update) unless an indexed column changes, here the
 * state (in a partial index's predicate) or the liveness checkpoint (the sweep's index key).
 * On a database of this test's own, so the table's statistics count this test's updates alone.
 */
describe('status batch update: heartbeats update the cluster row in place', () => {
  let database: PrivateDatabase;
  let client: Client;
  const clusterId = randomUUID();
  const at = (seconds: number) => new Date(Date.UTC(2026, 10, 24, 12, 0, seconds)).toISOString();

  beforeAll(async () => {
    ({ database, client } = await databaseWithOneCluster('heartbeat_hot', clusterId));
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  /**
   * One batch of one report, locked and written as the status service writes it: a heartbeat
   * repeating the stored status leaves it out (null).
   */
  async function report(row: { liveness: string; state: string; checkpoint: string; status?: null }): Promise<void> {
    await client.query('BEGIN');
    await client.query({ ...STATUS_BATCH_LOCK_CLUSTERS, values: [[clusterId]] });
    const reported_status = row.status === null ? null : STATUS;
    const values = [{ id: clusterId, last_liveness: row.liveness, last_reported_at: row.liveness, reported_status, state: row.state, agent_version: '2.24', uninstall_acked_at: null, liveness_checkpoint: row.checkpoint }];
    await client.query({ ...STATUS_BATCH_UPDATE_CLUSTERS, values: [JSON.stringify(values)] });
    await client.query('COMMIT');
  }

  /** The table's update counters once they count `expected` updates (at most 5 s). */
  async function updates(expected: number): Promise<{ all: number; hot: number }> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      // This backend's counters reach the statistics views at its next flush: make it now.
      await client.query('SELECT pg_stat_force_next_flush()');
      await client.query('SELECT 1');
      const { rows } = await client.query<{ all: string; hot: string }>("SELECT n_tup_upd AS all, n_tup_hot_upd AS hot FROM pg_stat_user_tables WHERE relname = 'clusters'");
      const counts = { all: Number(rows[0]!.all), hot: Number(rows[0]!.hot) };
      if (counts.all >= expected || Date.now() > deadline) return counts;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('is HOT for heartbeats, and not for a change of state or of the liveness checkpoint', async () => {
    await report({ liveness: at(0), state: 'Connected', checkpoint: at(0) }); // connects: not HOT
    for (let s = 5; s <= 45; s += 5) await report({ liveness: at(s), state: 'Connected', checkpoint: at(0), status: s > 25 ? null : undefined }); // 9 heartbeats
    await report({ liveness: at(50), state: 'Connected', checkpoint: at(50) }); // the checkpoint moves: not HOT
    for (let s = 55; s <= 95; s += 5) await report({ liveness: at(s), state: 'Connected', checkpoint: at(50), status: null }); // 9 heartbeats

    expect(await updates(20)).toEqual({ all: 20, hot: 18 });
    const { rows } = await client.query('SELECT state, last_liveness, liveness_checkpoint, reported_status FROM clusters WHERE id = $1', [clusterId]);
    expect(rows[0]).toEqual({ state: 'Connected', last_liveness: new Date(at(95)), liveness_checkpoint: new Date(at(50)), reported_status: STATUS });
  });
});

describe('status batch: row versions', () => {
  let database: PrivateDatabase;
  let client: Client;
  const clusterId = randomUUID();
  const values = [{ id: clusterId, last_liveness: '2026-11-24T12:00:00.000Z', last_reported_at: '2026-11-24T12:00:00.000Z', reported_status: STATUS, state: 'Connected', agent_version: '2.24', uninstall_acked_at: null, liveness_checkpoint: '2026-11-24T12:00:00.000Z' }];
  const lockedVersion = async () => (await client.query<{ id: string; version: string }>({ ...STATUS_BATCH_LOCK_CLUSTERS, values: [[clusterId]] })).rows[0]!.version;

  beforeAll(async () => {
    ({ database, client } = await databaseWithOneCluster('status_batch_version', clusterId));
  }, 60_000);

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it("the update returns the version the next batch's lock finds, and any other write changes it", async () => {
    await client.query('BEGIN');
    const before = await lockedVersion();
    const { rows: returned } = await client.query({ ...STATUS_BATCH_UPDATE_CLUSTERS, values: [JSON.stringify(values)] });
    await client.query('COMMIT');
    expect(returned).toEqual([{ id: clusterId, version: expect.any(String) }]);
    expect(returned[0].version).not.toBe(before);
    expect(await lockedVersion()).toBe(returned[0].version);

    await client.query("UPDATE clusters SET name = 'renamed' WHERE id = $1", [clusterId]);
    expect(await lockedVersion()).not.toBe(returned[0].version);
  });

  it('keeps the stored reported status when a write leaves it out, and replaces it when a write carries one', async () => {
    const write = async (reported_status: object | null) => {
      await client.query('BEGIN');
      await client.query({ ...STATUS_BATCH_LOCK_CLUSTERS, values: [[clusterId]] });
      await client.query({ ...STATUS_BATCH_UPDATE_CLUSTERS, values: [JSON.stringify([{ ...values[0], reported_status }])] });
      await client.query('COMMIT');
      return (await client.query('SELECT reported_status FROM clusters WHERE id = $1', [clusterId])).rows[0].reported_status;
    };
    expect(await write(null)).toEqual(STATUS);
    const degraded = { ...STATUS, operands: { scheduler: { ready: false } } };
    expect(await write(degraded)).toEqual(degraded);
    expect(await write(null)).toEqual(degraded);
    expect(await write(STATUS)).toEqual(STATUS);
  });

  it('reads the locked rows in full', async () => {
    const { rows } = await client.query({ ...STATUS_BATCH_READ_CLUSTERS, values: [[clusterId]] });
    expect(rows).toEqual([expect.objectContaining({ id: clusterId, tenant_id: 1, state: 'Connected', reported_status: STATUS, last_liveness: new Date('2026-11-24T12:00:00.000Z') })]);
  });
});
