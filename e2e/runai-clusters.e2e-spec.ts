import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { healthyAgentReport, http, openApiDocumentProblems, OpenApiValidator, signTestToken, TestAgent, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';
import { conformingClient, runaiValidator, type RunaiError } from './support/runai-conformance';

interface DisplayedCluster {
  uuid: string;
  tenantId: number;
  name: string;
  createdAt: string;
  domain: string | null;
  version: string | null;
  deleteRequestedAt: string | null;
  status?: Record<string, unknown> & { state: string };
}

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

/**
 * The Run:ai cluster operations of seed 001 end to end: every answer, success or error, is
 * validated against the seed's OpenAPI document by the client itself.
 */
describe('Run:ai clusters (seed 001) against the running services', () => {
  const validator = runaiValidator();
  const tenant = uniqueTenant('runai');
  const otherTenant = uniqueTenant('runai-other');
  let system: TestSystem;
  let db: Pool;
  let admin: string;
  let viewer: string;
  let otherAdmin: string;
  const api = conformingClient(() => system.gatewayUrl, validator, () => admin);

  beforeAll(async () => {
    // A provider step takes a moment, so a rename can land while provisioning is under way.
    system = await TestSystem.start({ label: 'runaiclusters', serviceEnv: { provisioning: { SIM_PROVIDER_LATENCY_MS: '300' } } });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    [admin, viewer, otherAdmin] = await Promise.all([signTestToken(tenant), signTestToken(tenant, ['viewer']), signTestToken(otherTenant)]);
  });

  afterAll(async () => {
    await system?.stop();
    await db?.end();
  });

  const create = async (name: string, extra: Record<string, unknown> = {}, token = admin) => {
    const response = await api<DisplayedCluster>('POST', '/api/v1/clusters', { body: { name, ...extra }, token });
    expect(response.status).toBe(201);
    return response.body;
  };
  const row = async (id: string) => (await db.query('SELECT name, generation, phase, deleted_at, delete_requested_at FROM clusters WHERE id = $1', [id])).rows[0];

  describe('authentication and authorisation', () => {
    it('answers 401 without a token and with a bad one', async () => {
      for (const [method, path] of [
        ['GET', '/api/v1/clusters'],
        ['POST', '/api/v1/clusters'],
        ['PUT', `/api/v1/clusters/${UNKNOWN_UUID}`],
        ['DELETE', `/api/v1/clusters/${UNKNOWN_UUID}`],
      ] as const) {
        const missing = await api<RunaiError>(method, path, { token: null, body: method === 'GET' || method === 'DELETE' ? undefined : { name: 'x' } });
        expect(missing.status).toBe(401);
        expect(missing.body).toEqual({ code: 401, message: 'missing bearer token' });
      }
      const forged = await api<RunaiError>('GET', '/api/v1/clusters', { token: await signTestToken(tenant, ['admin'], 'another-secret-that-is-long-enough-0123456789') });
      expect(forged.status).toBe(401);
      expect(forged.body).toEqual({ code: 401, message: 'invalid token' });
    });

    it('lets a viewer read but answers 403 to every mutation', async () => {
      const cluster = await create('authz-target');
      expect((await api('GET', `/api/v1/clusters/${cluster.uuid}`, { token: viewer })).status).toBe(200);
      for (const [method, path, body] of [
        ['POST', '/api/v1/clusters', { name: 'viewer-made' }],
        ['PUT', `/api/v1/clusters/${cluster.uuid}`, { name: 'viewer-renamed' }],
        ['DELETE', `/api/v1/clusters/${cluster.uuid}`, undefined],
      ] as const) {
        const denied = await api<RunaiError>(method, path, { token: viewer, body });
        expect(denied.status).toBe(403);
        expect(denied.body).toEqual({ code: 403, message: 'this action needs one of the roles: admin, editor' });
      }
      expect((await row(cluster.uuid)).name).toBe('authz-target');
      expect((await row(cluster.uuid)).delete_requested_at).toBeNull();
    });
  });

  describe('create, list and get', () => {
    it('creates with 201, ignoring server-owned fields, and 409 on a duplicate live name', async () => {
      const created = await create('create-a', { domain: 'a.example.com', version: '2.24', uuid: UNKNOWN_UUID, tenantId: 1, status: { state: 'Connected' } });
      expect(created).toMatchObject({ name: 'create-a', domain: 'a.example.com', version: '2.24', tenantId: tenant.id, status: { state: 'WaitingToConnect' } });
      expect(created.uuid).not.toBe(UNKNOWN_UUID);

      const duplicate = await api<RunaiError>('POST', '/api/v1/clusters', { body: { name: 'create-a' } });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toEqual({ code: 409, message: "a cluster named 'create-a' already exists", details: 'name: already taken' });
      // Names are per tenant: another tenant may use the same one.
      expect((await api('POST', '/api/v1/clusters', { body: { name: 'create-a' }, token: otherAdmin })).status).toBe(201);
    });

    it.each([
      [{}, 'name: Invalid input: expected string, received undefined'],
      [{ name: 42 }, 'name: Invalid input: expected string, received number'],
      [{ name: '' }, 'name: Too small: expected string to have >=1 characters'],
      [{ name: 'a'.repeat(254) }, 'name: Too big: expected string to have <=253 characters'],
      [{ name: ' padded' }, 'name must not start or end with white space'],
      [{ name: 'x', version: 'v'.repeat(51) }, 'version: Too big: expected string to have <=50 characters'],
    ])('rejects the create body %j with 400', async (body, message) => {
      const response = await api<RunaiError>('POST', '/api/v1/clusters', { body });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe(400);
      expect(`${response.body.message} ${response.body.details ?? ''}`).toContain(message);
    });

    it('accepts a 253-character name', async () => {
      expect((await create('n'.repeat(253))).name).toHaveLength(253);
    });

    it('lists with status at full verbosity (the default) and without it at metadata', async () => {
      const created = await create('list-verbosity', { version: '2.24' });
      const full = await api<DisplayedCluster[]>('GET', '/api/v1/clusters');
      const metadata = await api<DisplayedCluster[]>('GET', '/api/v1/clusters?verbosity=metadata');
      expect(full.body.find((c) => c.uuid === created.uuid)?.status).toEqual({ state: 'WaitingToConnect' });
      const plain = metadata.body.find((c) => c.uuid === created.uuid)!;
      expect(plain).not.toHaveProperty('status');
      expect(plain).toMatchObject({ name: 'list-verbosity', version: '2.24' });
      expect(full.body.every((c) => c.tenantId === tenant.id)).toBe(true);
      expect((await api<RunaiError>('GET', '/api/v1/clusters?verbosity=everything')).status).toBe(400);
    });

    it('gets by id at both verbosities; another tenant’s or an unknown uuid is 404, a malformed one 400', async () => {
      const created = await create('get-me');
      expect((await api<DisplayedCluster>('GET', `/api/v1/clusters/${created.uuid}`)).body).toMatchObject({ uuid: created.uuid, status: { state: 'WaitingToConnect' } });
      expect((await api<DisplayedCluster>('GET', `/api/v1/clusters/${created.uuid}?verbosity=metadata`)).body).not.toHaveProperty('status');
      for (const [token, uuid] of [
        [otherAdmin, created.uuid],
        [admin, UNKNOWN_UUID],
      ]) {
        const missing = await api<RunaiError>('GET', `/api/v1/clusters/${uuid}`, { token });
        expect(missing.status).toBe(404);
        expect(missing.body).toEqual({ code: 404, message: `cluster ${uuid} not found` });
      }
      const malformed = await api<RunaiError>('GET', '/api/v1/clusters/not-a-uuid');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toEqual({ code: 400, message: 'invalid path: clusterUuid: must be a UUID', details: 'clusterUuid: must be a UUID' });
    });
  });

  describe('status block', () => {
    it('shows state, conditions, operands, platform, config and dependencies as the agent last reported them', async () => {
      const created = await create('status-block', { version: '2.24' });
      const agent = new TestAgent(system.gatewayUrl, admin, created.uuid);
      const report = {
        reportedAt: new Date().toISOString(),
        version: '2.24.3',
        platform: { type: 'eks', kubeVersion: 'v1.31.2' },
        config: { workloadOwnershipProtection: true, subdomainEnabled: false, ingressClass: 'nginx' },
        conditions: [{ type: 'Available', status: 'True', reason: 'AllOperandsReady', message: 'ready' }],
        operands: { scheduler: { ready: true }, 'metrics-exporter': { ready: false, reasons: ['pods pending'], unreadyThresholdCrossed: false } },
        dependencies: { required: { 'gpu-operator': { available: true, components: { 'dcgm-exporter': { available: true } } } }, optional: { prometheus: { available: false, reason: 'not installed' } } },
      };
      expect((await agent.report(report)).status).toBe(200);

      const shown = await waitFor('the report to be stored', async () => {
        const response = await api<DisplayedCluster>('GET', `/api/v1/clusters/${created.uuid}`);
        return response.body.status?.state === 'Connected' ? response.body : undefined;
      });
      expect(shown.version).toBe('2.24.3');
      expect(shown.status).toEqual({
        state: 'Connected',
        platform: report.platform,
        config: report.config,
        conditions: [{ ...report.conditions[0], lastTransitionTime: expect.any(String) }],
        operands: report.operands,
        dependencies: report.dependencies,
      });

      // A required dependency going away is MissingPrerequisites, in the list as well.
      const broken = { ...report, reportedAt: new Date(Date.now() + 1_000).toISOString(), dependencies: { required: { 'gpu-operator': { available: false, reason: 'crashloop' } }, optional: {} } };
      expect((await agent.report(broken)).status).toBe(200);
      await waitFor('MissingPrerequisites in the list', async () => {
        const listed = await api<DisplayedCluster[]>('GET', '/api/v1/clusters');
        return listed.body.find((c) => c.uuid === created.uuid)?.status?.state === 'MissingPrerequisites';
      });
    });
  });

  describe('rename (PUT)', () => {
    it('renames with 204, bumps the generation and announces cluster.updated', async () => {
      const created = await create('rename-from');
      const before = await row(created.uuid);
      const renamed = await api('PUT', `/api/v1/clusters/${created.uuid}`, { body: { name: 'rename-to', uuid: UNKNOWN_UUID } });
      expect(renamed.status).toBe(204);
      expect((await api<DisplayedCluster>('GET', `/api/v1/clusters/${created.uuid}`)).body.name).toBe('rename-to');
      expect((await row(created.uuid)).generation).toBe(before.generation + 1);
      const events = await db.query('SELECT data FROM outbox_events WHERE resource_id = $1 AND type = $2', [created.uuid, 'cluster.updated']);
      expect(events.rows).toEqual([{ data: { generation: before.generation + 1, changes: { name: { from: 'rename-from', to: 'rename-to' } }, updatedBy: `user@${tenant.slug}` } }]);
      // The old name is free again.
      expect((await api('POST', '/api/v1/clusters', { body: { name: 'rename-from' } })).status).toBe(201);
    });

    it('lets provisioning under way finish under the new generation', async () => {
      const created = await create('rename-while-pending');
      expect((await api('PUT', `/api/v1/clusters/${created.uuid}`, { body: { name: 'renamed-while-pending' } })).status).toBe(204);
      const ready = await waitFor('the renamed cluster to be Ready', async () => {
        const current = await row(created.uuid);
        return current.phase === 'Ready' ? current : undefined;
      });
      expect(ready).toMatchObject({ name: 'renamed-while-pending', generation: 2 });
    });

    it('answers 204 and changes nothing when the name is the current one', async () => {
      const created = await create('rename-same');
      const before = await row(created.uuid);
      expect((await api('PUT', `/api/v1/clusters/${created.uuid}`, { body: { name: 'rename-same' } })).status).toBe(204);
      expect((await row(created.uuid)).generation).toBe(before.generation);
    });

    it('answers 409 for a name another live cluster of the tenant holds', async () => {
      await create('rename-taken');
      const created = await create('rename-wants');
      const taken = await api<RunaiError>('PUT', `/api/v1/clusters/${created.uuid}`, { body: { name: 'rename-taken' } });
      expect(taken.status).toBe(409);
      expect(taken.body).toEqual({ code: 409, message: "a cluster named 'rename-taken' already exists", details: 'name: already taken' });
      expect((await row(created.uuid)).name).toBe('rename-wants');
    });

    it.each([
      [{}, 'invalid body: name: is required'],
      [{ name: 7 }, 'invalid body: name: Invalid input: expected string, received number'],
      [{ name: '' }, 'name must not be empty'],
      [{ name: 'trailing ' }, 'name must not start or end with white space'],
      [{ name: 'a\u0007b' }, 'name must not contain control characters'],
      [{ name: 'a\u0000b' }, 'invalid body: name: must not contain NUL characters or unpaired UTF-16 surrogates'],
      [{ name: 'a'.repeat(254) }, 'invalid body: name: Too big: expected string to have <=253 characters'],
    ])('answers 400 for the body %j', async (body, message) => {
      const created = await create(`rename-bad-${Object.keys(body).length}-${String((body as { name?: unknown }).name ?? '').length}-${Math.random().toString(36).slice(2, 8)}`);
      const response = await api<RunaiError>('PUT', `/api/v1/clusters/${created.uuid}`, { body });
      expect(response.status).toBe(400);
      expect(response.body.message).toBe(message);
    });

    it('answers 404 for an unknown, another tenant’s or a deleted cluster, and 400 for a malformed uuid', async () => {
      const created = await create('rename-gone');
      const theirs = await create('rename-theirs', {}, otherAdmin);
      expect((await api('DELETE', `/api/v1/clusters/${created.uuid}?force=true`)).status).toBe(204);
      for (const uuid of [UNKNOWN_UUID, theirs.uuid, created.uuid]) {
        const response = await api<RunaiError>('PUT', `/api/v1/clusters/${uuid}`, { body: { name: 'anything' } });
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ code: 404, message: `cluster ${uuid} not found` });
      }
      expect((await row(theirs.uuid)).name).toBe('rename-theirs');
      expect((await api('PUT', '/api/v1/clusters/123', { body: { name: 'x' } })).status).toBe(400);
    });
  });

  describe('delete: 202 or 204 by the rule of SPEC section 5', () => {
    it.each([
      ['2.19', 204],
      ['2.19.9', 204],
      ['v2.20.0-rc.1', 204],
      ['2.20', 202],
      ['2.20.0', 202],
      ['2.24', 202],
      [undefined, 202],
    ] as const)('agent version %s without force → %i', async (version, status) => {
      const created = await create(`delete-${version ?? 'none'}`, version ? { version } : {});
      const response = await api<{ code: number; message: string }>('DELETE', `/api/v1/clusters/${created.uuid}`);
      expect(response.status).toBe(status);
      if (status === 202) {
        expect(response.body).toEqual({ code: 202, message: `cluster ${created.uuid} deletion is in progress` });
        expect((await row(created.uuid)).delete_requested_at).not.toBeNull();
      } else {
        expect(response.body).toBeUndefined();
        expect((await row(created.uuid)).deleted_at).not.toBeNull();
        expect((await api('GET', `/api/v1/clusters/${created.uuid}`)).status).toBe(404);
      }
    });

    it('forces with 204 on a current agent when force=true; a deleted cluster is then 404', async () => {
      const created = await create('delete-forced', { version: '2.24' });
      expect((await api('DELETE', `/api/v1/clusters/${created.uuid}?force=true`)).status).toBe(204);
      expect((await api('DELETE', `/api/v1/clusters/${created.uuid}?force=true`)).status).toBe(404);
      expect((await api('DELETE', `/api/v1/clusters/${created.uuid}`)).status).toBe(404);
    });

    it('answers 400 for a force that is not a boolean or a malformed uuid, 404 for another tenant’s cluster', async () => {
      const theirs = await create('delete-theirs', {}, otherAdmin);
      expect((await api('DELETE', `/api/v1/clusters/${theirs.uuid}?force=yes`)).status).toBe(400);
      expect((await api('DELETE', '/api/v1/clusters/not-a-uuid')).status).toBe(400);
      expect((await api('DELETE', `/api/v1/clusters/${theirs.uuid}`)).status).toBe(404);
      expect((await row(theirs.uuid)).delete_requested_at).toBeNull();
    });
  });

  describe('includeRequestedForDelete', () => {
    it('hides a cluster awaiting deletion unless asked; GET still answers until it is gone', async () => {
      const created = await create('awaiting-delete', { version: '2.24' });
      // A connected agent makes the delete wait for its uninstall acknowledgement.
      const agent = new TestAgent(system.gatewayUrl, admin, created.uuid);
      expect((await agent.report()).status).toBe(200);
      await waitFor('the agent to be connected', async () => (await api<DisplayedCluster>('GET', `/api/v1/clusters/${created.uuid}`)).body.status?.state === 'Connected');

      expect((await api('DELETE', `/api/v1/clusters/${created.uuid}`)).status).toBe(202);
      // Repeating a graceful delete answers the same.
      expect((await api('DELETE', `/api/v1/clusters/${created.uuid}`)).status).toBe(202);

      const uuidsOf = async (query: string) => (await api<DisplayedCluster[]>('GET', `/api/v1/clusters${query}`)).body.map((c) => c.uuid);
      expect(await uuidsOf('')).not.toContain(created.uuid);
      expect(await uuidsOf('?includeRequestedForDelete=false')).not.toContain(created.uuid);
      const included = (await api<DisplayedCluster[]>('GET', '/api/v1/clusters?includeRequestedForDelete=true&verbosity=metadata')).body.find((c) => c.uuid === created.uuid);
      expect(included?.deleteRequestedAt).toEqual(expect.any(String));
      expect((await api<DisplayedCluster>('GET', `/api/v1/clusters/${created.uuid}`)).body.deleteRequestedAt).toEqual(included?.deleteRequestedAt);
      // A cluster being deleted takes no more spec changes.
      const rename = await api<RunaiError>('PUT', `/api/v1/clusters/${created.uuid}`, { body: { name: 'too-late' } });
      expect(rename.status).toBe(409);
      expect(rename.body).toEqual({ code: 409, message: "cluster 'awaiting-delete' is being deleted" });

      // The agent acknowledges the uninstall; the delete completes and the cluster is gone everywhere.
      const answer = await agent.report();
      const uninstall = answer.body.commands?.find((c) => c.command === 'uninstall');
      expect(uninstall).toBeDefined();
      await agent.report(healthyAgentReport(new Date(Date.now() + 1_000), [{ command: 'uninstall', id: uninstall!.id }]));
      await waitFor('the delete to finish', async () => (await row(created.uuid)).deleted_at !== null, { timeoutMs: 30_000 });
      expect(await uuidsOf('?includeRequestedForDelete=true')).not.toContain(created.uuid);
      expect((await api('GET', `/api/v1/clusters/${created.uuid}`)).status).toBe(404);
    });

    it('answers 400 for a value that is not a boolean', async () => {
      expect((await api('GET', '/api/v1/clusters?includeRequestedForDelete=1')).status).toBe(400);
    });
  });

  describe('cluster-install-info', () => {
    it('returns a helm command with the control-plane URL, the cluster uuid and the secret', async () => {
      const created = await create('install-me');
      const info = await api<{ installationStr: string; clientSecret: string; repositoryName: string; chartRepoURL: string }>(
        'GET',
        `/api/v1/clusters/${created.uuid}/cluster-install-info?version=2.24&remoteClusterUrl=https://k8s.example.com:6443`,
      );
      expect(info.status).toBe(200);
      expect(info.body.installationStr).toMatch(/^helm repo add /);
      for (const part of [system.gatewayUrl, created.uuid, info.body.clientSecret, '--version 2.24', 'cluster.url=https://k8s.example.com:6443']) expect(info.body.installationStr).toContain(part);
    });

    it.each([
      ['', 'version: is required'],
      ['?version=2.14', 'cluster versions below 2.15 are not supported'],
      ['?version=latest', "version 'latest' is not a version like 2.24"],
      ['?version=2.24&remoteClusterUrl=not a url', 'remoteClusterUrl: must be a URL'],
    ])('answers 400 for %j', async (query, message) => {
      const created = await create(`install-bad-${Math.random().toString(36).slice(2, 8)}`);
      const response = await api<RunaiError>('GET', `/api/v1/clusters/${created.uuid}/cluster-install-info${query}`);
      expect(response.status).toBe(400);
      expect(`${response.body.message}`).toContain(message);
    });

    it('answers 404 for another tenant’s cluster and 400 for a malformed uuid', async () => {
      const theirs = await create('install-theirs', {}, otherAdmin);
      expect((await api('GET', `/api/v1/clusters/${theirs.uuid}/cluster-install-info?version=2.24`)).status).toBe(404);
      expect((await api('GET', '/api/v1/clusters/nope/cluster-install-info?version=2.24')).status).toBe(400);
    });
  });

  describe('OpenAPI and Swagger UI', () => {
    it('serves the Run:ai document with this gateway as server, plus the agent route, without a token', async () => {
      const response = await http<{ servers: { url: string }[]; paths: Record<string, object>; components: { schemas: Record<string, object> } }>(system.gatewayUrl, 'GET', '/openapi.json');
      expect(response.status).toBe(200);
      const document = response.body;
      expect(document.servers).toEqual([{ url: system.gatewayUrl }]);
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/clusters', '/api/v1/clusters/minimal', '/api/v1/clusters/{clusterUuid}/metrics', '/api/v1/agent/clusters/{clusterUuid}/status']));
      expect(document.components.schemas['AgentReport']).toBeDefined();
      expect(openApiDocumentProblems(document as unknown as Record<string, unknown>)).toEqual([]);
      // The served document is usable as is: it validates a live answer.
      const served = new OpenApiValidator(document as unknown as Record<string, unknown>, { rejectUnknownProperties: true });
      const listed = await http(system.gatewayUrl, 'GET', '/api/v1/clusters', { token: admin });
      expect(served.problems('GET', '/api/v1/clusters', listed)).toEqual([]);
    });

    it('serves one part with ?dialect= and answers 400 for an unknown one', async () => {
      const runai = await http<{ paths: object }>(system.gatewayUrl, 'GET', '/openapi.json?dialect=runai');
      expect(Object.keys(runai.body.paths)).not.toContain('/api/v1/agent/clusters/{clusterUuid}/status');
      const agent = await http<Record<string, unknown>>(system.gatewayUrl, 'GET', '/openapi.json?dialect=agent');
      expect(Object.keys(agent.body['paths'] as object)).toEqual(['/api/v1/agent/clusters/{clusterUuid}/status']);
      expect(openApiDocumentProblems(agent.body)).toEqual([]);
      expect((await http(system.gatewayUrl, 'GET', '/openapi.json?dialect=nope')).status).toBe(400);
    });

    it('serves Swagger UI from the installed package, and nothing else from it', async () => {
      const page = await http<string>(system.gatewayUrl, 'GET', '/docs');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.body).toContain('/docs/swagger-ui-bundle.js');
      const bundle = await fetch(`${system.gatewayUrl}/docs/swagger-ui-bundle.js`);
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toContain('application/javascript');
      expect((await bundle.text()).length).toBeGreaterThan(100_000);
      expect((await http<string>(system.gatewayUrl, 'GET', '/docs/swagger-initializer.js')).body).toContain("url: '/openapi.json'");
      expect((await http(system.gatewayUrl, 'GET', '/docs/package.json')).status).toBe(404);
      expect((await http(system.gatewayUrl, 'GET', '/docs/..%2Fpackage.json')).status).toBe(404);
    });
  });

  describe('when the command bus fails', () => {
    let nc: NatsConnection;
    let lonely: TestSystem;

    beforeAll(async () => {
      lonely = await TestSystem.start({ label: 'runaibus', services: ['gateway'], serviceEnv: { gateway: { COMMAND_TIMEOUT_MS: '600' } } });
      nc = await connect({ servers: testInfrastructure().natsUrl });
    });

    afterAll(async () => {
      await lonely?.stop();
      await nc?.drain();
    });

    const lonelyApi = conformingClient(() => lonely.gatewayUrl, validator, () => admin);

    it('answers 503 with Retry-After when no service takes the command', async () => {
      for (const [method, path, body] of [
        ['POST', '/api/v1/clusters', { name: 'nobody' }],
        ['PUT', `/api/v1/clusters/${UNKNOWN_UUID}`, { name: 'nobody' }],
        ['DELETE', `/api/v1/clusters/${UNKNOWN_UUID}`, undefined],
      ] as const) {
        const response = await lonelyApi<RunaiError>(method, path, { body });
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('2');
        expect(response.body.code).toBe(503);
      }
    });

    it('answers 504 when the service takes the command and never replies', async () => {
      const silent = nc.subscribe(`${lonely.isolation.subjectRoot}.cmd.cluster.rename`, { queue: 'provisioning' });
      await nc.flush();
      const response = await lonelyApi<RunaiError>('PUT', `/api/v1/clusters/${UNKNOWN_UUID}`, { body: { name: 'silent' } });
      silent.unsubscribe();
      expect(response.status).toBe(504);
      expect(response.body).toEqual({ code: 504, message: 'the command timed out before a service answered' });
    });
  });

  it('validated every operation of seed 001 with each of its success statuses', () => {
    const coverage = validator.coverage();
    for (const [operation, statuses] of Object.entries({
      'GET /api/v1/clusters': [200, 400, 401],
      'POST /api/v1/clusters': [201, 400, 401, 403, 409, 503],
      'GET /api/v1/clusters/{clusterUuid}': [200, 400, 404],
      'PUT /api/v1/clusters/{clusterUuid}': [204, 400, 401, 403, 404, 409, 503, 504],
      'DELETE /api/v1/clusters/{clusterUuid}': [202, 204, 400, 401, 403, 404, 503],
      'GET /api/v1/clusters/{clusterUuid}/cluster-install-info': [200, 400, 404],
    })) {
      expect({ operation, statuses: coverage[operation] }).toEqual({ operation, statuses: expect.arrayContaining(statuses) });
    }
  });
});
