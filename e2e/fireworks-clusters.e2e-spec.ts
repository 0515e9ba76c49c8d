import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { findEvent, http, OpenApiValidator, repoRoot, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor, type HttpResult } from '@clusterplane/testing';

interface FwCluster {
  name: string;
  displayName: string;
  createTime: string;
  eksCluster?: Record<string, string>;
  fakeCluster?: Record<string, string>;
  state: string;
  status: { code: string; message: string };
}
interface FwList {
  clusters: FwCluster[];
  nextPageToken: string;
  totalSize: number;
}
interface RpcStatus {
  code: number;
  message: string;
  details: { '@type': string; fieldViolations?: { field: string; description: string }[] }[];
}

const ACCOUNT = '123456789012';
const eks = (overrides: Record<string, string> = {}) => ({
  awsAccountId: ACCOUNT,
  fireworksManagerRole: `arn:aws:iam::${ACCOUNT}:role/FireworksManager`,
  region: 'us-west-2',
  clusterName: 'prod-eks',
  storageBucketName: 'fw-models',
  inferenceRole: `arn:aws:iam::${ACCOUNT}:role/service/Inference`,
  ...overrides,
});

/**
 * Fireworks dialect (seed 003): create (eksCluster registered, fakeCluster managed on the
 * simulated provider), READY/FAILED with a google.rpc status, list with filter, order and
 * signed page tokens, PATCH, getConnectionInfo and a graceful DELETE through DELETING.
 */
describe('Fireworks clusters (seed 003)', () => {
  let system: TestSystem;
  let db: Pool;
  let nc: NatsConnection;
  const tenant = uniqueTenant('fw');
  let token: string;
  let base: string;

  beforeAll(async () => {
    // Provider latency keeps a new cluster CREATING long enough to be patched mid-provisioning.
    system = await TestSystem.start({ label: 'fw', env: { JOB_BACKOFF_MS: '20', SIM_AGENT_INTERVAL_MS: '300', DELETE_RECHECK_MS: '200', SIM_PROVIDER_LATENCY_MS: '150' } });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    nc = await connect({ servers: testInfrastructure().natsUrl });
    token = await signTestToken(tenant);
    base = `/v1/accounts/${tenant.slug}/clusters`;
  });

  afterAll(async () => {
    await system?.stop();
    await db?.end();
    await nc?.drain();
  });

  // Every answer is checked against the document written from seed 003, unknown fields included.
  const openapi = OpenApiValidator.fromFile(join(repoRoot(), 'e2e/fixtures/fireworks-openapi.json'), { rejectUnknownProperties: true, undocumentedErrorSchema: '#/components/schemas/gatewayStatus' });
  const conforming = <T>(method: string, path: string, response: HttpResult<T>): HttpResult<T> => {
    openapi.assertResponse(method, path.replace('%3A', ':'), response);
    return response;
  };
  const api = async <T>(method: string, path: string, body?: unknown, auth = token) => conforming(method, path, await http<T>(system.gatewayUrl, method, path, { token: auth, body }));
  const create = <T = FwCluster>(clusterId: string, cluster: Record<string, unknown>) => api<T>('POST', base, { clusterId, cluster });
  const get = (clusterId: string) => api<FwCluster>('GET', `${base}/${clusterId}`);
  const violations = (body: RpcStatus) => body.details.flatMap((d) => d.fieldViolations ?? []).map((v) => v.field);
  const stateOf = async (clusterId: string) => (await get(clusterId)).body.state;

  describe('create', () => {
    it('registers an eksCluster: 200 with name, createTime and CREATING, then READY', async () => {
      const created = await create('fw-eks', { displayName: 'Production EKS', eksCluster: eks() });
      expect(created.status).toBe(200);
      expect(created.body).toEqual({
        name: `accounts/${tenant.slug}/clusters/fw-eks`,
        displayName: 'Production EKS',
        createTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        eksCluster: eks(),
        state: 'CREATING',
        status: { code: 'OK', message: '' },
      });
      const row = (await db.query('SELECT origin, provider, display_name FROM clusters WHERE tenant_id = $1 AND name = $2', [tenant.id, 'fw-eks'])).rows[0];
      expect(row).toEqual({ origin: 'registered', provider: 'aws-eks', display_name: 'Production EKS' });
      await waitFor('READY', async () => (await stateOf('fw-eks')) === 'READY');
    });

    it('builds a fakeCluster on the simulated provider: READY, its agent connects, and its connection info is the control plane', async () => {
      const created = await create('fw-fake', { fakeCluster: { projectId: 'p1', location: 'us-central1', clusterName: 'fake-a' } });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ state: 'CREATING', displayName: 'fw-fake', fakeCluster: { projectId: 'p1', location: 'us-central1', clusterName: 'fake-a' } });
      await waitFor('READY', async () => (await stateOf('fw-fake')) === 'READY', { timeoutMs: 30_000 });
      const row = (await db.query('SELECT id, origin, provider, endpoint, ca_data FROM clusters WHERE tenant_id = $1 AND name = $2', [tenant.id, 'fw-fake'])).rows[0];
      expect(row).toMatchObject({ origin: 'managed', provider: 'simulated' });
      const nodes = await db.query('SELECT n.state FROM nodes n JOIN node_pools p ON p.id = n.node_pool_id WHERE p.cluster_id = $1', [row.id]);
      expect(nodes.rows).toEqual([{ state: 'ready' }]);

      const info = await api<{ endpoint: string; caData: string }>('GET', `${base}/fw-fake:getConnectionInfo`);
      expect(info.status).toBe(200);
      expect(info.body).toEqual({ endpoint: row.endpoint, caData: row.ca_data });
      expect(info.body.endpoint).toMatch(/^https:\/\/.+:6443$/);
      expect((await api('GET', `${base}/fw-fake%3AgetConnectionInfo`)).status).toBe(200);
    });

    it('answers getConnectionInfo of a registered eksCluster with FAILED_PRECONDITION (409)', async () => {
      const response = await api<RpcStatus>('GET', `${base}/fw-eks:getConnectionInfo`);
      expect(response.status).toBe(409);
      expect(response.body).toEqual({ code: 409, message: expect.stringContaining('not known'), details: [] });
    });

    it('reaches FAILED with a google.rpc status when the simulated provider fails (location sim-fail)', async () => {
      const created = await create('fw-doomed', { fakeCluster: { location: 'sim-fail' } });
      expect(created.status).toBe(200);
      await waitFor('FAILED', async () => (await stateOf('fw-doomed')) === 'FAILED', { timeoutMs: 30_000 });
      const failed = await get('fw-doomed');
      expect(failed.body.status).toEqual({ code: 'INTERNAL', message: expect.stringContaining('control-plane.create failed') });
      expect((await api<RpcStatus>('GET', `${base}/fw-doomed:getConnectionInfo`)).status).toBe(409);
    });

    it('refuses a clusterId that is taken with 409', async () => {
      const response = await create<RpcStatus>('fw-eks', { eksCluster: eks() });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe(409);
    });

    it.each([
      ['a clusterId starting with a digit', '1cluster', { eksCluster: eks() }, 'clusterId'],
      ['a clusterId with upper case', 'Cluster', { eksCluster: eks() }, 'clusterId'],
      ['a clusterId of 64 characters', `c${'x'.repeat(63)}`, { eksCluster: eks() }, 'clusterId'],
      ['a displayName of 64 characters', 'fw-long', { displayName: 'd'.repeat(64), eksCluster: eks() }, 'cluster.displayName'],
      ['no provider block', 'fw-none', { displayName: 'x' }, 'cluster'],
      ['both provider blocks', 'fw-both', { eksCluster: eks(), fakeCluster: {} }, 'cluster'],
      ['an 11-digit AWS account id', 'fw-acct', { eksCluster: eks({ awsAccountId: '12345678901' }) }, 'cluster.eksCluster.awsAccountId'],
      ['a non-numeric AWS account id', 'fw-acct', { eksCluster: eks({ awsAccountId: '12345678901a' }) }, 'cluster.eksCluster.awsAccountId'],
      ['a manager role that is not a role ARN', 'fw-role', { eksCluster: eks({ fireworksManagerRole: 'arn:aws:iam::123456789012:user/bob' }) }, 'cluster.eksCluster.fireworksManagerRole'],
      ['a role ARN with a short account', 'fw-role', { eksCluster: eks({ inferenceRole: 'arn:aws:iam::1234:role/x' }) }, 'cluster.eksCluster.inferenceRole'],
      ['an invalid region', 'fw-region', { eksCluster: eks({ region: 'mars-1' }) }, 'cluster.eksCluster.region'],
      ['a missing region', 'fw-region', { eksCluster: { ...eks(), region: undefined } }, 'cluster.eksCluster.region'],
    ])('rejects %s with 400 and a BadRequest naming the field', async (_what, clusterId, cluster, field) => {
      const response = await create<RpcStatus>(clusterId, cluster);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe(400);
      expect(response.body.details[0]!['@type']).toBe('type.googleapis.com/google.rpc.BadRequest');
      expect(violations(response.body)).toContain(field);
    });

    it('accepts a gov-cloud region and role paths', async () => {
      const created = await create('fw-gov', { eksCluster: eks({ region: 'us-gov-west-1', metricWriterRole: `arn:aws:iam::${ACCOUNT}:role/a/b/Writer` }) });
      expect(created.status).toBe(200);
    });

    it("404s another tenant's account, whatever it holds", async () => {
      const response = await api<RpcStatus>('GET', `/v1/accounts/someone-else/clusters/fw-eks`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ code: 404, message: 'account someone-else not found', details: [] });
      expect((await api('POST', '/v1/accounts/someone-else/clusters', { clusterId: 'x', cluster: { fakeCluster: {} } })).status).toBe(404);
      expect((await api('GET', `${base}/nope`)).status).toBe(404);
    });

    it('renders bad JSON, a body over 1 MiB and a missing token in the google.rpc shape', async () => {
      const bad = conforming('POST', base, await http<RpcStatus>(system.gatewayUrl, 'POST', base, { token, body: '{', headers: { 'content-type': 'application/json' } }));
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ code: 400, message: expect.stringContaining('JSON'), details: [] });
      const huge = conforming('POST', base, await http<RpcStatus>(system.gatewayUrl, 'POST', base, { token, body: { clusterId: 'huge', cluster: { displayName: 'x'.repeat(1_100_000) } } }));
      expect(huge.status).toBe(413);
      expect(huge.body).toEqual({ code: 413, message: expect.any(String), details: [] });
      const anonymous = conforming('GET', base, await http<RpcStatus>(system.gatewayUrl, 'GET', base));
      expect(anonymous.body).toEqual({ code: 401, message: 'missing bearer token', details: [] });
    });
  });

  describe('PATCH', () => {
    it('changes the display name, bumps the generation and publishes cluster.updated', async () => {
      const before = (await db.query('SELECT id, generation FROM clusters WHERE tenant_id = $1 AND name = $2', [tenant.id, 'fw-eks'])).rows[0];
      const patched = await api<FwCluster>('PATCH', `${base}/fw-eks`, { displayName: 'Renamed', name: 'ignored', state: 'FAILED' });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ name: `accounts/${tenant.slug}/clusters/fw-eks`, displayName: 'Renamed', state: 'READY' });
      expect((await db.query('SELECT generation FROM clusters WHERE id = $1', [before.id])).rows[0].generation).toBe(before.generation + 1);
      await findEvent(nc, system.isolation.eventStream, `${system.isolation.subjectRoot}.evt.cluster.updated`, (e) => e.subject === `cluster/${before.id}`);
      // The same value again is no change.
      await api('PATCH', `${base}/fw-eks`, { displayName: 'Renamed' });
      expect((await db.query('SELECT generation FROM clusters WHERE id = $1', [before.id])).rows[0].generation).toBe(before.generation + 1);
    });

    it('replaces the eksCluster block, validates it, and honours updateMask', async () => {
      const patched = await api<FwCluster>('PATCH', `${base}/fw-eks`, { eksCluster: eks({ region: 'eu-west-1' }) });
      expect(patched.status).toBe(200);
      expect(patched.body.eksCluster).toMatchObject({ region: 'eu-west-1' });
      const invalid = await api<RpcStatus>('PATCH', `${base}/fw-eks`, { eksCluster: eks({ awsAccountId: '1' }) });
      expect(invalid.status).toBe(400);
      expect(violations(invalid.body)).toEqual(['eksCluster.awsAccountId']);

      const masked = await api<FwCluster>('PATCH', `${base}/fw-eks?updateMask=display_name`, { eksCluster: eks({ region: 'ap-south-1' }) });
      expect(masked.status).toBe(200);
      expect(masked.body).toMatchObject({ displayName: 'fw-eks', eksCluster: { region: 'eu-west-1' } });
      expect((await api<RpcStatus>('PATCH', `${base}/fw-eks?updateMask=region`, {})).status).toBe(400);
    });

    it('keeps provisioning what is patched while CREATING: the new generation takes over, no effect repeats', async () => {
      await create('fw-busy-eks', { eksCluster: eks() });
      await create('fw-busy-fake', { fakeCluster: {} });
      const eksPatch = await api<FwCluster>('PATCH', `${base}/fw-busy-eks`, { displayName: 'Busy EKS' });
      const fakePatch = await api<FwCluster>('PATCH', `${base}/fw-busy-fake`, { displayName: 'Busy fake', fakeCluster: { location: 'elsewhere' } });
      expect([eksPatch.body.state, fakePatch.body.state]).toEqual(['CREATING', 'CREATING']);
      // Well before the reconciler would notice a stuck cluster.
      await waitFor('both READY', async () => (await stateOf('fw-busy-eks')) === 'READY' && (await stateOf('fw-busy-fake')) === 'READY', { timeoutMs: 9_000 });
      await waitFor('the agent installed', async () => (await db.query('SELECT agent_installed_at FROM clusters WHERE tenant_id = $1 AND name = $2', [tenant.id, 'fw-busy-fake'])).rows[0].agent_installed_at);
      const effects = await db.query(
        `SELECT e.operation, count(*)::int AS n FROM provider_effects e JOIN clusters c ON c.id::text = e.resource_id
         WHERE c.tenant_id = $1 AND c.name = 'fw-busy-fake' GROUP BY e.operation ORDER BY e.operation`,
        [tenant.id],
      );
      expect(effects.rows).toEqual([
        { operation: 'agent.install', n: 1 },
        { operation: 'control-plane.create', n: 1 },
        { operation: 'credentials.issue', n: 1 },
        { operation: 'node.create', n: 1 },
      ]);
    });

    it('refuses to turn one kind of provider block into the other (409)', async () => {
      const response = await api<RpcStatus>('PATCH', `${base}/fw-eks`, { fakeCluster: { location: 'x' } });
      expect(response.status).toBe(409);
      expect(response.body.message).toContain('eksCluster');
    });
  });

  describe('DELETE', () => {
    it('deletes gracefully: 200 {}, DELETING while finalizers run, then gone from get and list', async () => {
      const created = await create('fw-bye', { fakeCluster: {} });
      expect(created.status).toBe(200);
      await waitFor('READY', async () => (await stateOf('fw-bye')) === 'READY', { timeoutMs: 30_000 });
      const deleted = await api('DELETE', `${base}/fw-bye`);
      expect(deleted.status).toBe(200);
      expect(deleted.body).toEqual({});
      expect(await stateOf('fw-bye')).toBe('DELETING');
      const listed = await api<FwList>('GET', `${base}?filter=${encodeURIComponent('state=DELETING')}`);
      expect(listed.body.clusters.map((c) => c.name)).toContain(`accounts/${tenant.slug}/clusters/fw-bye`);
      await waitFor('gone', async () => (await get('fw-bye')).status === 404, { timeoutMs: 30_000 });
      expect((await api<FwList>('GET', base)).body.clusters.map((c) => c.name)).not.toContain(`accounts/${tenant.slug}/clusters/fw-bye`);
      expect((await api('DELETE', `${base}/fw-bye`)).status).toBe(404);
    });
  });

  describe('list', () => {
    const list = (query: Record<string, string | number>) => api<FwList>('GET', `${base}?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`);

    it('filters on state and display name with =, != and AND', async () => {
      await waitFor('fw-gov READY', async () => (await stateOf('fw-gov')) === 'READY');
      const ready = await list({ filter: 'state=READY' });
      expect(ready.status).toBe(200);
      expect(ready.body.clusters.every((c) => c.state === 'READY')).toBe(true);
      expect(ready.body.clusters.map((c) => c.displayName)).toEqual(expect.arrayContaining(['fw-eks', 'fw-fake', 'fw-gov']));
      expect(ready.body.totalSize).toBe(ready.body.clusters.length);

      const byName = await list({ filter: 'display_name="fw-fake"' });
      expect(byName.body.clusters.map((c) => c.displayName)).toEqual(['fw-fake']);
      const notFailed = await list({ filter: 'state != FAILED' });
      expect(notFailed.body.clusters.map((c) => c.displayName)).not.toContain('fw-doomed');
      expect(notFailed.body.clusters.length).toBeGreaterThan(0);
      const both = await list({ filter: 'state=READY AND display_name != "fw-eks"' });
      expect(both.body.clusters.map((c) => c.displayName)).toEqual(expect.arrayContaining(['fw-fake', 'fw-gov']));
      expect(both.body.clusters.map((c) => c.displayName)).not.toContain('fw-eks');
      expect((await list({ filter: 'state=FAILED' })).body.clusters.map((c) => c.displayName)).toEqual(['fw-doomed']);
    });

    it('orders by name and by create_time, newest first by default', async () => {
      const byName = (await list({ orderBy: 'name' })).body.clusters.map((c) => c.name);
      expect(byName).toEqual([...byName].sort());
      const newest = (await list({})).body.clusters.map((c) => c.createTime);
      expect(newest).toEqual([...newest].sort().reverse());
      const oldest = (await list({ orderBy: 'create_time' })).body.clusters.map((c) => c.createTime);
      expect(oldest).toEqual([...oldest].sort());
    });

    it.each([
      ['filter', { filter: 'state=RUNNING' }],
      ['filter', { filter: 'zone="a"' }],
      ['orderBy', { orderBy: 'display_name' }],
      ['pageSize', { pageSize: -1 }],
      ['pageToken', { pageToken: 'garbage' }],
    ])('rejects a bad %s with 400', async (field, query) => {
      const response = await list(query);
      expect(response.status).toBe(400);
      expect(violations(response.body as unknown as RpcStatus)).toEqual([field]);
    });
  });

  describe('pagination over 250 clusters', () => {
    const big = uniqueTenant('fw-big');
    let bigToken: string;
    const bigBase = `/v1/accounts/${big.slug}/clusters`;
    const page = async (query: Record<string, string | number>) => {
      const path = `${bigBase}?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`;
      return conforming('GET', path, await http<FwList>(system.gatewayUrl, 'GET', path, { token: bigToken }));
    };

    beforeAll(async () => {
      bigToken = await signTestToken(big);
      // Ten clusters share each creation instant, so the id must break ties for pages to be stable.
      await db.query(
        `INSERT INTO clusters (id, tenant_id, name, display_name, origin, provider, phase, created_at, updated_at)
         SELECT gen_random_uuid(), $1, 'bulk-' || lpad(i::text, 3, '0'), CASE WHEN i % 5 = 0 THEN 'fifth' END, 'registered', 'aws-eks',
                (CASE WHEN i % 2 = 0 THEN 'Ready' ELSE 'Pending' END)::"ClusterPhase", timestamptz '2025-01-01' + (i / 10) * interval '1 second', now()
         FROM generate_series(0, 249) AS i`,
        [big.id],
      );
    });

    const walk = async (query: Record<string, string | number>) => {
      const seen: string[] = [];
      const sizes: number[] = [];
      let pageToken = '';
      let pages = 0;
      do {
        const response = await page({ ...query, ...(pageToken ? { pageToken } : {}) });
        expect(response.status).toBe(200);
        seen.push(...response.body.clusters.map((c) => c.name.split('/').pop()!));
        sizes.push(response.body.clusters.length);
        pageToken = response.body.nextPageToken;
        expect(++pages).toBeLessThan(30);
      } while (pageToken);
      return { seen, sizes };
    };

    it('walks every cluster once in a stable order, with totalSize, for each order', async () => {
      const byName = await walk({ pageSize: 40, orderBy: 'name' });
      expect(byName.seen).toHaveLength(250);
      expect(new Set(byName.seen).size).toBe(250);
      expect(byName.seen).toEqual(Array.from({ length: 250 }, (_, i) => `bulk-${String(i).padStart(3, '0')}`));
      expect(byName.sizes).toEqual([40, 40, 40, 40, 40, 40, 10]);

      const newest = await walk({ pageSize: 33 });
      expect(new Set(newest.seen).size).toBe(250);
      const again = await walk({ pageSize: 33 });
      expect(again.seen).toEqual(newest.seen);
      // Newest first: whole seconds descending (ties broken by id).
      const second = (name: string) => Math.floor(Number(name.slice(5)) / 10);
      expect(newest.seen.map(second)).toEqual([...newest.seen.map(second)].sort((a, b) => b - a));

      const first = await page({ pageSize: 7 });
      expect(first.body.totalSize).toBe(250);
    });

    it('uses 50 by default and reduces pageSize above 200 to 200', async () => {
      expect((await page({})).body.clusters).toHaveLength(50);
      expect((await page({ pageSize: 1000 })).body.clusters).toHaveLength(200);
    });

    it('pages a filtered list, and totalSize counts the filtered clusters', async () => {
      const ready = await walk({ pageSize: 50, filter: 'state=READY', orderBy: 'name desc' });
      expect(ready.seen).toHaveLength(125);
      expect(ready.seen).toEqual(Array.from({ length: 125 }, (_, i) => `bulk-${String(248 - 2 * i).padStart(3, '0')}`));
      const fifth = await page({ filter: 'display_name="fifth"', pageSize: 200 });
      expect(fifth.body.totalSize).toBe(50);
      const notFifth = await page({ filter: 'display_name!="fifth"', pageSize: 1 });
      expect(notFifth.body.totalSize).toBe(200);
    });

    it('binds the token to the filter and order (400 otherwise) but lets pageSize change', async () => {
      const first = await page({ pageSize: 10, orderBy: 'name' });
      const issued = first.body.nextPageToken;
      const otherOrder = await page({ pageSize: 10, orderBy: 'create_time', pageToken: issued });
      expect(otherOrder.status).toBe(400);
      expect(otherOrder.body).toMatchObject({ code: 400, message: expect.stringContaining('different filter or orderBy') });
      expect((await page({ pageSize: 10, orderBy: 'name', filter: 'state=READY', pageToken: issued })).status).toBe(400);
      const [payload, signature] = issued.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), k: 'bulk-200' })).toString('base64url');
      expect((await page({ pageSize: 10, orderBy: 'name', pageToken: `${forged}.${signature}` })).status).toBe(400);
      const resized = await page({ pageSize: 5, orderBy: 'name', pageToken: issued });
      expect(resized.status).toBe(200);
      expect(resized.body.clusters.map((c) => c.displayName)).toEqual(['fifth', 'bulk-011', 'bulk-012', 'bulk-013', 'bulk-014']);
      // Another tenant cannot reuse it either.
      const stolen = await http(system.gatewayUrl, 'GET', `${base}?orderBy=name&pageToken=${issued}`, { token });
      expect(stolen.status).toBe(400);
    });
  });

  it('validated a success of every operation in the document', () => {
    const coverage = openapi.coverage();
    expect(Object.entries(coverage).filter(([, statuses]) => !statuses.includes(200)).map(([operation]) => operation)).toEqual([]);
  });
});
