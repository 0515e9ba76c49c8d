import { join } from 'node:path';
import { Queue } from 'bullmq';
import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { findEvent, http, OpenApiValidator, repoRoot, signTestToken, TestAgent, TestSystem, testInfrastructure, uniqueTenant, waitFor, type HttpResult, type TestTenant } from '@clusterplane/testing';

interface TfCluster {
  id: string;
  fqn: string;
  manifest: Record<string, unknown>;
  tenantName: string;
  accountId: string;
  createdBySubject: { subjectId: string; subjectType: string } | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}
interface HttpError {
  statusCode: number;
  message: string;
  code?: string;
  details?: { field?: string; message: string }[];
}

/**
 * TrueFoundry dialect (seed 000): PUT create-or-update by manifest name with every 409 and 422
 * rule, dryRun persisting nothing, list/get/delete/is-connected, and the admin API for the
 * environments, registries and integrations a manifest names.
 */
describe('TrueFoundry clusters (seed 000)', () => {
  let system: TestSystem;
  let db: Pool;
  let nc: NatsConnection;
  let queues: Queue[];
  const tenant = uniqueTenant('tfy');
  let token: string;

  beforeAll(async () => {
    system = await TestSystem.start({ label: 'tfy', env: { JOB_BACKOFF_MS: '20', DELETE_RECHECK_MS: '200' } });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    nc = await connect({ servers: testInfrastructure().natsUrl });
    queues = ['provisioning', 'node-pool', 'deletion'].map((name) => new Queue(name, { connection: { url: testInfrastructure().redisUrl }, prefix: system.isolation.queuePrefix }));
    token = await signTestToken(tenant);
  });

  afterAll(async () => {
    await Promise.all((queues ?? []).map((q) => q.close()));
    await system?.stop();
    await db?.end();
    await nc?.drain();
  });

  // Every answer is checked against the seed's schemas (and the supplement's), unknown fields included.
  const openapi = OpenApiValidator.fromFile(join(repoRoot(), 'e2e/fixtures/truefoundry-openapi.json'), { rejectUnknownProperties: true, undocumentedErrorSchema: '#/components/schemas/HttpError' });
  const conforming = <T>(method: string, path: string, response: HttpResult<T>): HttpResult<T> => {
    openapi.assertResponse(method, path, response);
    return response;
  };
  const api = async <T>(method: string, path: string, body?: unknown, auth = token) => conforming(method, path, await http<T>(system.gatewayUrl, method, path, { token: auth, body }));
  const manifest = (name: string, overrides: Record<string, unknown> = {}) => ({
    type: 'cluster',
    name,
    cluster_type: 'aws-eks',
    environment_names: ['prod'],
    collaborators: [{ subject: 'user:owner@example.com', role_id: 'cluster-admin' }],
    ...overrides,
  });
  const apply = <T = { data: TfCluster }>(m: unknown, dryRun?: boolean, auth = token) => api<T>('PUT', '/api/svc/v1/clusters', dryRun === undefined ? { manifest: m } : { manifest: m, dryRun }, auth);
  const fields = (body: HttpError) => (body.details ?? []).map((d) => d.field);

  let registry: string;
  let awsIntegration: string;
  let gcpIntegration: string;

  describe('admin API for what manifests name', () => {
    it('starts every tenant with the environments dev, staging and prod, before and after its first write', async () => {
      const fresh = uniqueTenant('tfy-env');
      const freshToken = await signTestToken(fresh);
      const before = await api<{ data: { name: string }[] }>('GET', '/api/svc/v1/environments', undefined, freshToken);
      expect(before.status).toBe(200);
      expect(before.body.data.map((e) => e.name).sort()).toEqual(['dev', 'prod', 'staging']);
      expect((await api('POST', '/api/svc/v1/container-registries', { fqn: `${fresh.slug}:docker:hub` }, freshToken)).status).toBe(200);
      const stored = await db.query('SELECT name FROM environments WHERE tenant_id = $1 ORDER BY name', [fresh.id]);
      expect(stored.rows.map((r) => r.name)).toEqual(['dev', 'prod', 'staging']);
    });

    it('adds registries, integrations and environments; lists them; refuses duplicates and non-admins', async () => {
      registry = `${tenant.slug}:ecr:main`;
      awsIntegration = `${tenant.slug}:aws:prod-account`;
      gcpIntegration = `${tenant.slug}:gcp:research`;
      expect((await api('POST', '/api/svc/v1/container-registries', { fqn: registry })).status).toBe(200);
      const aws = await api<{ data: Record<string, unknown> }>('POST', '/api/svc/v1/cluster-integrations', { fqn: awsIntegration, provider: 'aws' });
      expect(aws.status).toBe(200);
      expect(aws.body.data).toMatchObject({ fqn: awsIntegration, provider: 'aws' });
      expect((await api('POST', '/api/svc/v1/cluster-integrations', { fqn: gcpIntegration, provider: 'gcp' })).status).toBe(200);
      expect((await api('POST', '/api/svc/v1/environments', { name: 'qa' })).status).toBe(200);

      const environments = await api<{ data: { name: string }[] }>('GET', '/api/svc/v1/environments');
      expect(environments.body.data.map((e) => e.name)).toEqual(expect.arrayContaining(['dev', 'staging', 'prod', 'qa']));
      const integrations = await api<{ data: { fqn: string; provider: string }[] }>('GET', '/api/svc/v1/cluster-integrations');
      expect(integrations.body.data.map((i) => [i.fqn, i.provider])).toEqual([[awsIntegration, 'aws'], [gcpIntegration, 'gcp']]);

      const duplicate = await api<HttpError>('POST', '/api/svc/v1/environments', { name: 'qa' });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ statusCode: 409, code: 'already_exists' });
      const viewer = await signTestToken(tenant, ['viewer']);
      expect((await api('POST', '/api/svc/v1/environments', { name: 'x' }, viewer)).status).toBe(403);
      expect((await api('GET', '/api/svc/v1/environments', undefined, viewer)).status).toBe(200);
      const bad = await api<HttpError>('POST', '/api/svc/v1/cluster-integrations', { fqn: 'x:y', provider: 'ibm' });
      expect(bad.status).toBe(422);
      expect(fields(bad.body)).toEqual(['provider']);
      expect((await api('GET', '/api/svc/v1/nothing-here')).status).toBe(404);
    });
  });

  describe('PUT create or update', () => {
    it('creates a registered cluster with the seed fields, records collaborators, publishes cluster.created and becomes Ready', async () => {
      const applied = await apply(manifest('tfy-alpha', { base_domains: ['*.alpha.example.com'], default_registry_fqn: registry, cluster_integration_fqn: awsIntegration }));
      expect(applied.status).toBe(200);
      const cluster = applied.body.data;
      expect(cluster).toMatchObject({
        fqn: `${tenant.slug}:tfy-alpha`,
        tenantName: tenant.slug,
        accountId: tenant.slug,
        createdBy: `user@${tenant.slug}`,
        createdBySubject: { subjectId: `user@${tenant.slug}`, subjectType: 'user' },
        manifest: { name: 'tfy-alpha', cluster_type: 'aws-eks', cluster_integration_fqn: awsIntegration },
      });
      expect(cluster.id).toMatch(/^[0-9a-f-]{36}$/);
      const row = (await db.query('SELECT origin, provider, domain, phase FROM clusters WHERE id = $1', [cluster.id])).rows[0];
      expect(row).toMatchObject({ origin: 'registered', provider: 'aws-eks', domain: 'alpha.example.com' });
      const collaborators = await db.query('SELECT subject, role_id FROM collaborators WHERE cluster_id = $1', [cluster.id]);
      expect(collaborators.rows).toEqual([{ subject: 'user:owner@example.com', role_id: 'cluster-admin' }]);
      await findEvent(nc, system.isolation.eventStream, `${system.isolation.subjectRoot}.evt.cluster.created`, (e) => e.subject === `cluster/${cluster.id}`);
      await waitFor('Ready', async () => (await db.query('SELECT phase FROM clusters WHERE id = $1', [cluster.id])).rows[0].phase === 'Ready');
    });

    it('updates the live cluster of the same name: same id, new manifest and collaborators, generation bumped, cluster.updated', async () => {
      const first = await apply(manifest('tfy-update'));
      const again = await apply(manifest('tfy-update', { environment_names: ['prod', 'qa'], collaborators: [{ subject: 'team:platform', role_id: 'cluster-admin' }, { subject: 'user:b', role_id: 'cluster-viewer' }] }));
      expect(again.status).toBe(200);
      expect(again.body.data.id).toBe(first.body.data.id);
      expect(again.body.data.manifest).toMatchObject({ environment_names: ['prod', 'qa'] });
      const row = (await db.query('SELECT generation FROM clusters WHERE id = $1', [first.body.data.id])).rows[0];
      expect(row.generation).toBe(2);
      const collaborators = await db.query('SELECT subject FROM collaborators WHERE cluster_id = $1 ORDER BY subject', [first.body.data.id]);
      expect(collaborators.rows.map((r) => r.subject)).toEqual(['team:platform', 'user:b']);
      await findEvent(nc, system.isolation.eventStream, `${system.isolation.subjectRoot}.evt.cluster.updated`, (e) => e.subject === `cluster/${first.body.data.id}`);

      // The same manifest again changes nothing.
      await apply(manifest('tfy-update', { environment_names: ['prod', 'qa'], collaborators: [{ subject: 'team:platform', role_id: 'cluster-admin' }, { subject: 'user:b', role_id: 'cluster-viewer' }] }));
      expect((await db.query('SELECT generation FROM clusters WHERE id = $1', [first.body.data.id])).rows[0].generation).toBe(2);
    });
  });

  describe('concurrent applies', () => {
    it('turns the loser of two creates of one name into an update of the winner', async () => {
      const [a, b] = await Promise.all([apply(manifest('tfy-race', { environment_names: ['dev'] })), apply(manifest('tfy-race', { environment_names: ['staging'] }))]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.data.id).toBe(b.body.data.id);
      const rows = await db.query('SELECT generation FROM clusters WHERE tenant_id = $1 AND name = $2 AND deleted_at IS NULL', [tenant.id, 'tfy-race']);
      expect(rows.rows).toEqual([{ generation: 2 }]);
    });
  });

  describe('dryRun', () => {
    const counts = async () => {
      const rows = await db.query(`
        SELECT (SELECT count(*) FROM clusters WHERE tenant_id = $1)::int AS clusters,
               (SELECT count(*) FROM outbox_events WHERE tenant_id = $1)::int AS events,
               (SELECT count(*) FROM collaborators c JOIN clusters k ON k.id = c.cluster_id WHERE k.tenant_id = $1)::int AS collaborators,
               (SELECT count(*) FROM provider_effects)::int AS effects,
               (SELECT max(generation) FROM clusters WHERE tenant_id = $1)::int AS generation`, [tenant.id]);
      // Every job but the reconcilers' own periodic ones, in any state.
      const jobs = await Promise.all(queues.map(async (q) => (await q.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'])).filter((j) => !j.name.startsWith('reconcile.')).length));
      return { ...rows.rows[0], jobs };
    };

    it('runs every check and persists nothing: no row, no job, no event, for a create and for an update', async () => {
      await waitFor('earlier clusters to finish provisioning', async () =>
        (await db.query("SELECT count(*)::int AS n FROM clusters WHERE tenant_id = $1 AND phase IN ('Pending', 'Provisioning')", [tenant.id])).rows[0].n === 0);
      const before = await counts();
      const created = await apply(manifest('tfy-dry', { cluster_integration_fqn: gcpIntegration, cluster_type: 'gcp-gke-standard' }), true);
      expect(created.status).toBe(200);
      expect(created.body.data.manifest).toMatchObject({ name: 'tfy-dry' });
      const updated = await apply(manifest('tfy-update', { environment_names: ['dev'] }), true);
      expect(updated.status).toBe(200);
      expect(updated.body.data.manifest).toMatchObject({ environment_names: ['dev'] });
      expect(await counts()).toEqual(before);
      expect((await api<{ data: TfCluster }>('GET', `/api/svc/v1/clusters/${updated.body.data.id}`)).body.data.manifest).toMatchObject({ environment_names: ['prod', 'qa'] });
      expect((await db.query('SELECT 1 FROM clusters WHERE tenant_id = $1 AND name = $2', [tenant.id, 'tfy-dry'])).rowCount).toBe(0);
    });

    it('answers a dry run with the same 409 and 422 a real apply would', async () => {
      expect((await apply(manifest('tfy-update', { cluster_type: 'azure-aks' }), true)).status).toBe(409);
      expect((await apply(manifest('tfy-dry', { environment_names: ['nope'] }), true)).status).toBe(422);
      expect((await apply(manifest('Bad_Name'), true)).status).toBe(422);
    });
  });

  describe('422: the manifest schema', () => {
    it('names every failing field of an invalid manifest at once', async () => {
      const response = await apply<HttpError>({
        type: 'app',
        name: '9starts-with-digit',
        cluster_type: 'openshift',
        environment_names: 'prod',
        base_domains: ['not a domain'],
        workbench_config: { ssh_server_config: { base_domain: 'ssh.example.com' }, notebook_config: { base_domain: 'has space' } },
        ingress_controller_config: {},
        node_label_keys: {},
        collaborators: [{ subject: 'user:a', role_id: 'owner' }],
      });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ statusCode: 422, code: 'invalid_argument' });
      expect(fields(response.body).sort()).toEqual(
        [
          'manifest.type',
          'manifest.name',
          'manifest.cluster_type',
          'manifest.environment_names',
          'manifest.base_domains.0',
          'manifest.workbench_config.notebook_config.base_domain',
          'manifest.workbench_config.ssh_server_config.port',
          'manifest.ingress_controller_config.ingress_class_name',
          'manifest.node_label_keys.nodepool_selector_label',
          'manifest.collaborators.0.role_id',
        ].sort(),
      );
    });

    it.each([
      ['a missing manifest', {}, 'manifest'],
      ['a 2-character name', { manifest: manifest('ab') }, 'manifest.name'],
      ['a 36-character name', { manifest: manifest(`a${'b'.repeat(35)}`) }, 'manifest.name'],
      ['a name ending in -', { manifest: manifest('abc-') }, 'manifest.name'],
      ['dryRun of the wrong type', { manifest: manifest('tfy-ok'), dryRun: 'yes' }, 'dryRun'],
    ])('rejects %s with 422', async (_what, body, field) => {
      const response = await api<HttpError>('PUT', '/api/svc/v1/clusters', body);
      expect(response.status).toBe(422);
      expect(fields(response.body)).toContain(field);
    });

    it('accepts a wildcard domain, an IPv4 address and 35-character names', async () => {
      const response = await apply(manifest(`a${'b'.repeat(34)}`, { base_domains: ['*.apps.example.com', '10.1.2.3'], cluster_type: 'generic' }), true);
      expect(response.status).toBe(200);
    });

    it('answers malformed JSON with 400 (not a validation error) in the HttpError body', async () => {
      const response = conforming('PUT', '/api/svc/v1/clusters', await http<HttpError>(system.gatewayUrl, 'PUT', '/api/svc/v1/clusters', { token, body: '{"manifest": ', headers: { 'content-type': 'application/json' } }));
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ statusCode: 400, message: expect.stringContaining('JSON'), code: 'invalid_argument', details: [] });
    });

    it('answers a body over 1 MiB with 413 in the HttpError body', async () => {
      const response = conforming('PUT', '/api/svc/v1/clusters', await http<HttpError>(system.gatewayUrl, 'PUT', '/api/svc/v1/clusters', { token, body: { manifest: manifest('tfy-huge', { padding: 'x'.repeat(1_100_000) }) } }));
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ statusCode: 413, code: 'payload_too_large' });
    });

    it('answers 401 without a token in the HttpError body', async () => {
      const response = conforming('GET', '/api/svc/v1/clusters', await http<HttpError>(system.gatewayUrl, 'GET', '/api/svc/v1/clusters'));
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ statusCode: 401, message: 'missing bearer token', code: 'unauthenticated' });
    });
  });

  describe('422: the seed rules, one reason each', () => {
    it.each([
      ['no collaborators', { collaborators: [] }, 'manifest.collaborators', 'at least one collaborator is required'],
      ['no admin among the collaborators', { collaborators: [{ subject: 'user:v', role_id: 'cluster-viewer' }] }, 'manifest.collaborators', 'cluster-admin'],
      ['no environment names', { environment_names: [] }, 'manifest.environment_names', 'at least one environment name'],
      ['an unknown environment', { environment_names: ['prod', 'moon'] }, 'manifest.environment_names.1', "environment 'moon' does not exist"],
      ['repeated nodepool names', { supported_nodepools: [{ name: 'gpu' }, { name: 'gpu' }] }, 'manifest.supported_nodepools.1.name', "'gpu' repeats"],
      ['nodepools next to a cluster integration', { supported_nodepools: [{ name: 'gpu' }], cluster_integration_fqn: 'any:integration' }, 'manifest.supported_nodepools', 'cluster_integration_fqn'],
      ['supported nodepools on a generic cluster', { cluster_type: 'generic', supported_nodepools: [{ name: 'gpu' }] }, 'manifest.supported_nodepools', 'generic'],
      ['a default registry that does not exist', { default_registry_fqn: 'nobody:ecr:none' }, 'manifest.default_registry_fqn', 'not found or not accessible'],
      ['a cluster integration that does not exist', { cluster_integration_fqn: 'nobody:aws:none' }, 'manifest.cluster_integration_fqn', 'not found or not accessible'],
    ])('422 for %s', async (_reason, overrides, field, message) => {
      const response = await apply<HttpError>(manifest('tfy-rules', overrides));
      expect(response.status).toBe(422);
      expect(response.body.statusCode).toBe(422);
      expect(fields(response.body)).toContain(field);
      expect(JSON.stringify(response.body)).toContain(message);
      expect((await db.query('SELECT 1 FROM clusters WHERE tenant_id = $1 AND name = $2', [tenant.id, 'tfy-rules'])).rowCount).toBe(0);
    });
  });

  describe('409: the seed conflicts, one reason each', () => {
    it('refuses to change cluster_type of an existing cluster', async () => {
      await apply(manifest('tfy-immutable'));
      const response = await apply<HttpError>(manifest('tfy-immutable', { cluster_type: 'gcp-gke-standard' }));
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ statusCode: 409, code: 'failed_precondition' });
      expect(fields(response.body)).toEqual(['manifest.cluster_type']);
    });

    it('refuses an integration of another cloud provider', async () => {
      const response = await apply<HttpError>(manifest('tfy-cloud', { cluster_integration_fqn: gcpIntegration }));
      expect(response.status).toBe(409);
      expect(response.body.message).toContain('belongs to gcp');
      expect(fields(response.body)).toEqual(['manifest.cluster_integration_fqn']);
    });

    it('refuses an integration another live cluster already uses, and frees it when that cluster is deleted', async () => {
      const response = await apply<HttpError>(manifest('tfy-second', { cluster_integration_fqn: awsIntegration }));
      expect(response.status).toBe(409);
      expect(response.body.message).toContain("already used by cluster 'tfy-alpha'");
      // Re-applying the owner with its own integration is an update, not a conflict.
      expect((await apply(manifest('tfy-alpha', { cluster_integration_fqn: awsIntegration, default_registry_fqn: registry }))).status).toBe(200);
    });

    it('refuses to re-apply a cluster while a graceful delete of it is in progress', async () => {
      const created = await apply(manifest('tfy-leaving', { cluster_type: 'generic' }));
      const id = created.body.data.id;
      await waitFor('Ready', async () => (await db.query('SELECT phase FROM clusters WHERE id = $1', [id])).rows[0].phase === 'Ready');
      // A connected agent that never acknowledges keeps the delete waiting for it.
      expect((await new TestAgent(system.gatewayUrl, token, id).report()).status).toBe(200);
      expect((await http(system.gatewayUrl, 'DELETE', `/api/v1/clusters/${id}`, { token })).status).toBe(202);
      const response = await apply<HttpError>(manifest('tfy-leaving', { cluster_type: 'generic', environment_names: ['dev'] }));
      expect(response.status).toBe(409);
      expect(response.body.message).toBe("cluster 'tfy-leaving' is being deleted");
    });

    it('refuses to delete an integration a live cluster uses', async () => {
      const response = await api<HttpError>('DELETE', `/api/svc/v1/cluster-integrations/${encodeURIComponent(awsIntegration)}`);
      expect(response.status).toBe(409);
      expect(response.body.message).toContain('tfy-alpha');
    });
  });

  describe('reads, is-connected and delete', () => {
    it('lists with limit and offset and a pagination block', async () => {
      const all = await api<{ data: TfCluster[]; pagination: { total: number; offset: number; limit: number } }>('GET', '/api/svc/v1/clusters');
      expect(all.status).toBe(200);
      expect(all.body.pagination).toEqual({ total: all.body.data.length, offset: 0, limit: 100 });
      expect(all.body.data.map((c) => c.manifest['name'])).toEqual(expect.arrayContaining(['tfy-alpha', 'tfy-update', 'tfy-immutable']));
      const page = await api<{ data: TfCluster[]; pagination: { total: number; offset: number; limit: number } }>('GET', '/api/svc/v1/clusters?limit=1&offset=1');
      expect(page.body.pagination).toEqual({ total: all.body.data.length, offset: 1, limit: 1 });
      expect(page.body.data.map((c) => c.id)).toEqual([all.body.data[1]!.id]);
      const bad = await api<HttpError>('GET', '/api/svc/v1/clusters?limit=0');
      expect(bad.status).toBe(422);
      expect(fields(bad.body)).toEqual(['limit']);
    });

    it('gets one cluster; another tenant or a non-uuid id is 404', async () => {
      const [alpha] = (await api<{ data: TfCluster[] }>('GET', '/api/svc/v1/clusters')).body.data.filter((c) => c.manifest['name'] === 'tfy-alpha');
      const got = await api<{ data: TfCluster }>('GET', `/api/svc/v1/clusters/${alpha!.id}`);
      expect(got.body.data).toEqual(alpha);
      const stranger: TestTenant = uniqueTenant('tfy-other');
      const other = await api<HttpError>('GET', `/api/svc/v1/clusters/${alpha!.id}`, undefined, await signTestToken(stranger));
      expect(other.status).toBe(404);
      expect(other.body).toMatchObject({ statusCode: 404, code: 'not_found' });
      expect((await api('GET', '/api/svc/v1/clusters/not-a-uuid')).status).toBe(404);
    });

    it('is connected only once the agent reports', async () => {
      const created = await apply(manifest('tfy-connect', { cluster_type: 'generic' }));
      const id = created.body.data.id;
      expect((await api<{ isConnected: boolean }>('GET', `/api/svc/v1/clusters/${id}/is-connected`)).body).toEqual({ isConnected: false });
      await waitFor('Ready', async () => (await db.query('SELECT phase FROM clusters WHERE id = $1', [id])).rows[0].phase === 'Ready');
      expect((await new TestAgent(system.gatewayUrl, token, id).report()).status).toBe(200);
      await waitFor('isConnected', async () => (await api<{ isConnected: boolean }>('GET', `/api/svc/v1/clusters/${id}/is-connected`)).body.isConnected);
    });

    it('deletes forcibly: 200 {message}, then 404, and the name is free again', async () => {
      const created = await apply(manifest('tfy-delete', { cluster_type: 'generic' }));
      const id = created.body.data.id;
      const deleted = await api<{ message: string }>('DELETE', `/api/svc/v1/clusters/${id}`);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toEqual({ message: `cluster ${tenant.slug}:tfy-delete deleted` });
      expect((await db.query('SELECT delete_mode, deleted_at FROM clusters WHERE id = $1', [id])).rows[0]).toMatchObject({ delete_mode: 'forced', deleted_at: expect.any(Date) });
      expect((await api('GET', `/api/svc/v1/clusters/${id}`)).status).toBe(404);
      expect((await api('DELETE', `/api/svc/v1/clusters/${id}`)).status).toBe(404);
      const again = await apply(manifest('tfy-delete', { cluster_type: 'azure-aks' }));
      expect(again.status).toBe(200);
      expect(again.body.data.id).not.toBe(id);
    });

    it('frees an integration once its cluster is deleted, and then lets the admin delete it', async () => {
      const [alpha] = (await api<{ data: TfCluster[] }>('GET', '/api/svc/v1/clusters')).body.data.filter((c) => c.manifest['name'] === 'tfy-alpha');
      expect((await api('DELETE', `/api/svc/v1/clusters/${alpha!.id}`)).status).toBe(200);
      expect((await apply(manifest('tfy-second', { cluster_integration_fqn: awsIntegration }))).status).toBe(200);
      expect((await api('DELETE', `/api/svc/v1/environments/qa`)).status).toBe(409);
      expect((await api('DELETE', `/api/svc/v1/container-registries/${encodeURIComponent(registry)}`)).status).toBe(200);
      expect((await api('DELETE', `/api/svc/v1/container-registries/${encodeURIComponent(registry)}`)).status).toBe(404);
    });
  });

  it('validated a success of every operation in the document', () => {
    const coverage = openapi.coverage();
    expect(Object.entries(coverage).filter(([, statuses]) => !statuses.includes(200)).map(([operation]) => operation)).toEqual([]);
  });
});
