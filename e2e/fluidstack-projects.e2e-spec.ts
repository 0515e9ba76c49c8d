import type { NatsConnection } from 'nats';
import { findEvent, http, signTestToken, uniqueTenant, type TestSystem, type TestTenant } from '@clusterplane/testing';
import { BASE, startFluidstack, waitForGone, waitForResource, type FluidstackCall, type FluidstackTest } from './support/fluidstack';

/**
 * Fluidstack projects and the `X-PROJECT-ID` scope (seed 004, SPEC section 3): missing or not a
 * uuid → 400, another tenant's project → 403, another project's resource → 404, `{message}` on
 * every error; a project holding resources cannot be deleted.
 */
describe('Fluidstack projects and project scope', () => {
  let fluid: FluidstackTest;
  let system: TestSystem;
  let nc: NatsConnection;
  let call: FluidstackCall;
  let tenant: TestTenant;
  let token: string;
  let otherToken: string;

  beforeAll(async () => {
    fluid = await startFluidstack('fsprojects');
    ({ system, nc, call, tenant, token } = fluid);
    otherToken = await signTestToken(uniqueTenant('fsprojother'));
  });

  afterAll(() => fluid?.stop());

  const createProject = async (name: string, tags: Record<string, string> = {}, as = token) => {
    const response = await call<{ id: string }>('POST', '/projects', { body: { name, tags }, token: as });
    expect(response.status).toBe(201);
    return response.body.id;
  };

  it('creates, lists, gets and deletes a project, announcing both changes', async () => {
    const created = await call('POST', '/projects', { body: { name: 'project-1', tags: { team: 'ml-ops' }, state: 'deleting', id: 'spoofed' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'project-1', state: 'active', tags: { team: 'ml-ops' } });
    const id = created.body['id'] as string;

    expect((await call('GET', `/projects/${id}`)).body).toEqual(created.body);
    const list = await call<unknown[]>('GET', '/projects');
    expect(list.status).toBe(200);
    expect(list.body).toContainEqual(created.body);

    const removed = await call('DELETE', `/projects/${id}`);
    expect(removed.status).toBe(204);
    expect((await call('GET', `/projects/${id}`)).status).toBe(404);
    expect((await call('DELETE', `/projects/${id}`)).status).toBe(404);
    expect((await call<unknown[]>('GET', '/projects')).body).not.toContainEqual(expect.objectContaining({ id }));

    const root = system.isolation.subjectRoot;
    await findEvent(nc, system.isolation.eventStream, `${root}.evt.project.created`, (e) => e.subject === `project/${id}`);
    const deleted = await findEvent(nc, system.isolation.eventStream, `${root}.evt.project.deleted`, (e) => e.subject === `project/${id}`);
    expect(deleted.envelope.tenantId).toBe(tenant.id);
  });

  it('does not need X-PROJECT-ID on project routes, and hides another tenant’s projects (404)', async () => {
    const mine = await createProject('mine');
    expect((await call('GET', `/projects/${mine}`, { token: otherToken })).status).toBe(404);
    expect((await call('DELETE', `/projects/${mine}`, { token: otherToken })).status).toBe(404);
    expect((await call<unknown[]>('GET', '/projects', { token: otherToken })).body).not.toContainEqual(expect.objectContaining({ id: mine }));
    expect((await call('GET', `/projects/${mine}`)).status).toBe(200);
  });

  it.each([
    [{ team: 'ml-ops', 'a.b_c-d': 'x', A1: '' }, 201],
    [{ '-team': 'x' }, 400],
    [{ 'team-': 'x' }, 400],
    [{ 'a b': 'x' }, 400],
    [{ ['k'.repeat(64)]: 'x' }, 400],
    [{ team: 'v'.repeat(64) }, 400],
    [Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v'])), 400],
  ])('validates tags %#', async (tags, status) => {
    const response = await call('POST', '/projects', { body: { name: 'tagged', tags } });
    expect(response.status).toBe(status);
    if (status === 400) expect(response.body['message']).toMatch(/tags/);
  });

  it.each([
    [{}, /name: is required/],
    [{ name: '' }, /name/],
    [{ name: ' padded ' }, /white space/],
    [{ name: 'x', tags: ['a'] }, /tags/],
  ])('refuses a bad project body %#', async (body, message) => {
    const response = await call('POST', '/projects', { body });
    expect(response.status).toBe(400);
    expect(response.body['message']).toMatch(message);
  });

  it('answers 400 without X-PROJECT-ID or with one that is not a uuid, 403 for a project not of this tenant', async () => {
    const theirs = await createProject('theirs', {}, otherToken);
    for (const path of ['/instances', '/filesystems', '/kubernetes/clusters', '/slurm/clusters']) {
      const missing = await call('GET', path, { project: null });
      expect(missing.status).toBe(400);
      expect(missing.body['message']).toMatch(/X-PROJECT-ID header is required/);
      const malformed = await call('GET', path, { project: 'not-a-uuid' });
      expect(malformed.status).toBe(400);
      expect(malformed.body['message']).toMatch(/X-PROJECT-ID header must be a UUID/);
      expect((await call('GET', path, { project: theirs })).status).toBe(403);
      expect((await call('GET', path, { project: '00000000-0000-4000-8000-000000000000' })).status).toBe(403);
      expect((await call('GET', path, { project: theirs, token: otherToken })).status).toBe(200);
    }
    // A write into another tenant's project is refused before anything happens.
    expect((await call('POST', '/filesystems', { project: theirs, body: { name: 'fs', size: '1Gi' } })).status).toBe(403);
  });

  it('answers 404 for a resource of another project of the same tenant', async () => {
    const a = await createProject('scope-a');
    const b = await createProject('scope-b');
    const fs = await call<{ id: string }>('POST', '/filesystems', { project: a, body: { name: 'fs-a', size: '10Gi' } });
    expect(fs.status).toBe(201);
    expect((await call('GET', `/filesystems/${fs.body.id}`, { project: a })).status).toBe(200);
    expect((await call('GET', `/filesystems/${fs.body.id}`, { project: b })).status).toBe(404);
    expect((await call('DELETE', `/filesystems/${fs.body.id}`, { project: b })).status).toBe(404);
    expect((await call<unknown[]>('GET', '/filesystems', { project: b })).body).toEqual([]);
  });

  it('refuses to delete a project while it holds a filesystem (409), then deletes it once that is gone', async () => {
    const project = await createProject('holder');
    const fs = await call<{ id: string }>('POST', '/filesystems', { project, body: { name: 'data', size: '512Gi' } });
    const refused = await call('DELETE', `/projects/${project}`);
    expect(refused.status).toBe(409);
    expect(refused.body['message']).toMatch(/still holds 1 filesystem/);

    expect((await call('DELETE', `/filesystems/${fs.body.id}`, { project })).status).toBe(204);
    await waitForGone((m, p, o) => call(m, p, { ...o, project }), `/filesystems/${fs.body.id}`);
    expect((await call('DELETE', `/projects/${project}`)).status).toBe(204);
    // Once deleted, the project no longer scopes anything.
    expect((await call('GET', '/filesystems', { project })).status).toBe(403);
  });

  it('refuses to delete a project while it holds a Kubernetes cluster (409)', async () => {
    const project = await createProject('cluster-holder');
    const cluster = await call<{ id: string }>('POST', '/kubernetes/clusters', { project, body: { name: `fs-holder-${Date.now()}`, version: '1.32.5' } });
    expect(cluster.status).toBe(201);
    const refused = await call('DELETE', `/projects/${project}`);
    expect(refused.status).toBe(409);
    expect(refused.body['message']).toMatch(/still holds 1 cluster/);
    await waitForResource<{ status: { type: string } }>((m, p, o) => call(m, p, { ...o, project }), `/kubernetes/clusters/${cluster.body.id}`, 'cluster ready', (c) => c.status.type === 'READY');
  });

  it('renders every error of its routes as {message}: auth, unknown routes, bad JSON, oversized bodies', async () => {
    const noToken = await call('GET', '/projects', { token: null });
    expect(noToken.status).toBe(401);
    const viewer = await signTestToken(tenant, ['viewer']);
    expect((await call('POST', '/projects', { token: viewer, body: { name: 'x' } })).status).toBe(403);
    expect((await call('GET', '/no-such-route')).status).toBe(404);
    const badJson = await http(system.gatewayUrl, 'POST', `${BASE}/projects`, { token, body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
    expect((badJson.body as { message: string }).message).toMatch(/JSON/);
    const huge = await http(system.gatewayUrl, 'POST', `${BASE}/projects`, { token, body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    expect(Object.keys(huge.body as object)).toEqual(['message']);
    expect((await call('GET', '/projects/not-a-uuid')).status).toBe(400);
  });
});
