import type { NatsConnection } from 'nats';
import type { Pool } from 'pg';
import { collectEvents, type TestSystem } from '@clusterplane/testing';
import { providerLeaks, startFluidstack, waitForGone, waitForResource, type FluidstackCall, type FluidstackTest } from './support/fluidstack';

interface Instance {
  id: string;
  state: string;
  ip: string | null;
  filesystems: string[];
}

const SEED_USER_DATA = 'I2Nsb3VkLWNvbmZpZwpwYWNrYWdlczoKICAtIG5naW54\n';

/**
 * Fluidstack instances and filesystems (seed 004): creating → running with an IP through the
 * node-pool service and the simulated provider, the start/stop state machine of SPEC section 4,
 * and deletes (filesystems refused while attached) that leave nothing at the provider.
 */
describe('Fluidstack instances and filesystems', () => {
  let fluid: FluidstackTest;
  let system: TestSystem;
  let db: Pool;
  let nc: NatsConnection;
  let call: FluidstackCall;
  let otherProject: string;

  beforeAll(async () => {
    fluid = await startFluidstack('fsinstances', { projects: ['instances', 'elsewhere'] });
    ({ system, db, nc, call } = fluid);
    otherProject = fluid.projects[1]!;
  });

  afterAll(() => fluid?.stop());

  const running = (id: string) => waitForResource<Instance>(call, `/instances/${id}`, `instance ${id} running`, (i) => i.state === 'running');
  const inState = (id: string, state: string) => waitForResource<Instance>(call, `/instances/${id}`, `instance ${id} ${state}`, (i) => i.state === state);
  const createFilesystem = async (name: string, size = '512Gi') => {
    const response = await call<{ id: string }>('POST', '/filesystems', { body: { name, size } });
    expect(response.status).toBe(201);
    return response.body.id;
  };
  const createInstance = async (body: Record<string, unknown>) => {
    const response = await call<Instance>('POST', '/instances', { body });
    expect(response.status).toBe(201);
    return response.body;
  };
  const effects = async (resourceId: string) =>
    (await db.query('SELECT operation, sum(request_count)::int AS requests, count(*)::int AS effects FROM provider_effects WHERE resource_id = $1 GROUP BY operation ORDER BY operation', [resourceId])).rows;

  it('creates an instance with the seed defaults in state creating, then running with an IP', async () => {
    const created = await createInstance({ name: 'instance-1', type: 'h100.8x', ip: '1.2.3.4', state: 'running' });
    expect(created).toEqual({
      id: expect.any(String),
      name: 'instance-1',
      type: 'h100.8x',
      ip: null,
      state: 'creating',
      image: 'ubuntu22.04',
      preemptible: false,
      ephemeral: false,
      userData: null,
      filesystems: [],
      tags: {},
    });
    const ready = await running(created.id);
    expect(ready.ip).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect((await call<Instance[]>('GET', '/instances')).body).toContainEqual(ready);
    expect(await effects(created.id)).toEqual([{ operation: 'instance.create', requests: 1, effects: 1 }]);
  });

  it('keeps every field of the seed example, with its filesystems attached', async () => {
    const filesystems = [await createFilesystem('fs-a'), await createFilesystem('fs-b')].sort();
    const body = { name: 'instance-seed', type: 'h100.8x', image: 'image://ubuntu22.04', preemptible: true, ephemeral: true, userData: SEED_USER_DATA, filesystems, tags: { environment: 'production' } };
    const created = await createInstance(body);
    expect(created).toMatchObject({ ...body, image: 'ubuntu22.04', state: 'creating' });
    expect((await running(created.id)).filesystems).toEqual(filesystems);
  });

  it.each([
    [{ name: 'x', type: 'h100.8x', userData: 'not base64!' }, 400, /userData: must be base64/],
    [{ name: 'x', type: 'h100.8x', userData: '' }, 400, /userData/],
    [{ name: 'x', type: 'z900.8x' }, 400, /type: is not a known instance type/],
    [{ name: 'x' }, 400, /type: is required/],
    [{ name: 'x', type: 'h100.8x', image: 'Ubuntu 22.04' }, 400, /image/],
    [{ name: 'x', type: 'h100.8x', filesystems: ['not-a-uuid'] }, 400, /filesystems.0: must be a UUID/],
    [{ name: 'x', type: 'h100.8x', tags: { '-bad': 'x' } }, 400, /tags/],
    [{ name: 'x', type: 'h100.8x', filesystems: ['123e4567-e89b-12d3-a456-426614174000'] }, 404, /filesystem 123e4567-e89b-12d3-a456-426614174000 not found/],
  ])('refuses a bad instance %#', async (body, status, message) => {
    const response = await call('POST', '/instances', { body });
    expect(response.status).toBe(status);
    expect(response.body['message']).toMatch(message);
  });

  it('answers 404 for a filesystem of another project and creates nothing', async () => {
    const theirs = (await call<{ id: string }>('POST', '/filesystems', { project: otherProject, body: { name: 'theirs', size: '1Gi' } })).body.id;
    const before = (await call<Instance[]>('GET', '/instances')).body.length;
    const response = await call('POST', '/instances', { body: { name: 'x', type: 'cpu.4x', filesystems: [theirs] } });
    expect(response.status).toBe(404);
    expect((await call<Instance[]>('GET', '/instances')).body).toHaveLength(before);
  });

  it('stops a running instance through stopping and starts it through starting; other moves are 409', async () => {
    const { id } = await createInstance({ name: 'power', type: 'cpu.4x' });
    const { ip } = await running(id);
    expect((await call('POST', `/instances/${id}/actions/start`)).status).toBe(409);

    const stopping = await call<Instance>('POST', `/instances/${id}/actions/stop`);
    expect(stopping.status).toBe(202);
    expect(stopping.body.state).toBe('stopping');
    const stopped = await inState(id, 'stopped');
    expect(stopped.ip).toBe(ip);
    const again = await call('POST', `/instances/${id}/actions/stop`);
    expect(again.status).toBe(409);
    expect(again.body['message']).toMatch(/is stopped; it can be stopped only when running/);

    const starting = await call<Instance>('POST', `/instances/${id}/actions/start`);
    expect(starting.status).toBe(202);
    expect(starting.body.state).toBe('starting');
    await inState(id, 'running');
    expect((await call('POST', `/instances/${id}/actions/reboot`)).status).toBe(404);
    expect((await call('POST', `/instances/${id}/actions/stop`, { project: otherProject })).status).toBe(404);

    const changes = await collectEvents(nc, system.isolation.eventStream, `${system.isolation.subjectRoot}.evt.instance.status-changed`, (events) => events.filter((e) => e.envelope.subject === `instance/${id}`).length >= 4);
    expect(changes.filter((e) => e.envelope.subject === `instance/${id}`).map((e) => e.envelope.data['to'])).toEqual(['stopping', 'stopped', 'starting', 'running']);
    const machine = (await db.query('SELECT external_id FROM instances WHERE id = $1', [id])).rows[0].external_id;
    expect(await effects(machine)).toEqual([
      { operation: 'instance.start', requests: 1, effects: 1 },
      { operation: 'instance.stop', requests: 1, effects: 1 },
    ]);
  });

  it('refuses start and stop while creating, and ends in error when the provider cannot build the machine', async () => {
    const { id } = await createInstance({ name: 'doomed', type: 'h100.8x', tags: { 'sim.fail': 'instance.create' } });
    const early = await call('POST', `/instances/${id}/actions/stop`);
    expect(early.status).toBe(409);
    expect(early.body['message']).toMatch(/is (creating|error)/);
    await inState(id, 'error');
    expect((await call('POST', `/instances/${id}/actions/start`)).status).toBe(409);
    // A failed instance can still be deleted, and leaves nothing behind.
    expect((await call('DELETE', `/instances/${id}`)).status).toBe(204);
    await waitForGone(call, `/instances/${id}`);
  });

  it('deletes an instance (204, deleting, then gone) and releases its machine', async () => {
    const { id } = await createInstance({ name: 'short-lived', type: 'cpu.4x' });
    await running(id);
    expect((await call('DELETE', `/instances/${id}`)).status).toBe(204);
    expect([204, 404]).toContain((await call('DELETE', `/instances/${id}`)).status); // harmless until it is gone, then 404
    await waitForGone(call, `/instances/${id}`);
    expect((await call('DELETE', `/instances/${id}`)).status).toBe(404);
    expect(await providerLeaks(db, id)).toEqual([]);
    const { rows } = await db.query("SELECT type FROM outbox_events WHERE resource_id = $1 AND type LIKE 'instance.%' ORDER BY seq", [id]);
    expect(rows.map((r) => r.type)).toEqual(['instance.created', 'instance.ready', 'instance.delete-requested', 'instance.deleted']);
  });

  it('creates, lists and gets filesystems, validating the size', async () => {
    const created = await call('POST', '/filesystems', { body: { name: 'fs-1', size: '512Gi' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: 'fs-1', size: '512Gi' });
    expect((await call('GET', `/filesystems/${created.body['id']}`)).body).toEqual(created.body);
    expect((await call<unknown[]>('GET', '/filesystems')).body).toContainEqual(created.body);
    for (const size of ['512', '512GB', '0Gi', '1.5Ti', '2000Ti', '']) {
      const refused = await call('POST', '/filesystems', { body: { name: 'bad', size } });
      expect(refused.status).toBe(400);
      expect(refused.body['message']).toMatch(/size/);
    }
    expect((await call('POST', '/filesystems', { body: { size: '1Gi' } })).status).toBe(400);
  });

  it('refuses to delete an attached filesystem (409) until its instance is gone, then leaves nothing behind', async () => {
    const fs = await createFilesystem('attached', '2Ti');
    const { id } = await createInstance({ name: 'with-fs', type: 'cpu.4x', filesystems: [fs] });
    await running(id);
    const refused = await call('DELETE', `/filesystems/${fs}`);
    expect(refused.status).toBe(409);
    expect(refused.body['message']).toContain(id);

    expect((await call('DELETE', `/instances/${id}`)).status).toBe(204);
    await waitForGone(call, `/instances/${id}`);
    expect((await call('DELETE', `/filesystems/${fs}`)).status).toBe(204);
    await waitForGone(call, `/filesystems/${fs}`);
    expect(await providerLeaks(db, fs)).toEqual([]);
    expect(await effects(fs)).toEqual([{ operation: 'filesystem.create', requests: 1, effects: 1 }]);
  });

  it('refuses to attach a filesystem that is being deleted (409)', async () => {
    const fs = await createFilesystem('going');
    expect((await call('DELETE', `/filesystems/${fs}`)).status).toBe(204);
    const response = await call('POST', '/instances', { body: { name: 'late', type: 'cpu.4x', filesystems: [fs] } });
    expect([404, 409]).toContain(response.status); // 409 while deleting, 404 once gone
  });
});
