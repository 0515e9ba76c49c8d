import { Pool } from 'pg';
import { signTestToken, TestAgent, TestSystem, testInfrastructure, uniqueTenant } from '@clusterplane/testing';
import { conformingClient, runaiValidator, type RunaiError } from './support/runai-conformance';

interface MinimalCluster {
  uuid: string;
  name: string;
  tenantId: number;
  version: string | null;
  domain: string | null;
  state: string;
  ingressClass: string | null;
}

interface Created {
  uuid: string;
  name: string;
  createdAt: string;
}

interface Measurement {
  type: string;
  labels: Record<string, string> | null;
  values: { value: string; timestamp: string }[];
}

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

/**
 * Seed 002's read operations end to end: minimal clusters (filterBy, offset, limit) and cluster
 * metrics bucketed from samples written straight into `metric_samples`. Every answer is
 * validated against the seed's document.
 */
describe('Run:ai minimal clusters and metrics (seed 002) against the running services', () => {
  const validator = runaiValidator();
  const tenant = uniqueTenant('runaiq');
  const otherTenant = uniqueTenant('runaiq-other');
  const bigTenant = uniqueTenant('runaiq-big');
  let system: TestSystem;
  let db: Pool;
  let admin: string;
  let otherAdmin: string;
  const api = conformingClient(() => system.gatewayUrl, validator, () => admin);
  /** alpha … echo, live, in creation order; foxtrot awaits deletion. */
  const fleet: Record<string, Created> = {};

  const create = async (name: string, extra: Record<string, unknown> = {}, token = admin): Promise<Created> => {
    const response = await api<Created>('POST', '/api/v1/clusters', { body: { name, ...extra }, token });
    expect(response.status).toBe(201);
    return response.body;
  };
  const names = async (query: string): Promise<string[]> => {
    const response = await api<{ clusters: MinimalCluster[] }>('GET', `/api/v1/clusters/minimal${query}`);
    expect(response.status).toBe(200);
    return response.body.clusters.map((c) => c.name);
  };
  const stateOf = async (uuid: string) => (await api<MinimalCluster>('GET', `/api/v1/clusters/${uuid}/minimal`)).body.state;

  beforeAll(async () => {
    system = await TestSystem.start({ label: 'runaiqueries' });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    [admin, otherAdmin] = await Promise.all([signTestToken(tenant), signTestToken(otherTenant)]);

    fleet['alpha'] = await create('alpha', { version: '2.9', domain: 'a.example.com' });
    fleet['bravo'] = await create('bravo', { version: '2.20', domain: 'b.example.com' });
    fleet['charlie'] = await create('charlie', { version: '2.24.1' });
    fleet['delta'] = await create('delta', { domain: 'd.example.com' });
    fleet['echo'] = await create('echo', { version: 'v2.19', domain: 'e.example.com' });
    fleet['foxtrot'] = await create('foxtrot', { version: '2.24' });
    await create('alpha', { version: '2.9' }, otherAdmin);

    // bravo Connected, charlie MissingPrerequisites, foxtrot connected and then deleted
    // gracefully, so it waits for its agent; each report carries the cluster's own version.
    const report = (version: string, dependencyAvailable: boolean) => ({
      reportedAt: new Date().toISOString(),
      version,
      config: { ingressClass: 'nginx' },
      conditions: [{ type: 'Available', status: 'True', reason: 'Ready', message: '' }],
      operands: {},
      dependencies: { required: { 'gpu-operator': { available: dependencyAvailable } }, optional: {} },
    });
    for (const [name, version, healthy] of [['bravo', '2.20', true], ['charlie', '2.24.1', false], ['foxtrot', '2.24', true]] as const) {
      // The report is answered once stored.
      expect((await new TestAgent(system.gatewayUrl, admin, fleet[name]!.uuid).report(report(version, healthy))).status).toBe(200);
    }
    // delta reported healthy an hour ago: the stored state still says Connected, the derived one is Disconnected.
    await db.query(`UPDATE clusters SET last_liveness = now() - interval '1 hour', last_reported_at = now() - interval '1 hour', state = 'Connected', reported_status = $2::jsonb WHERE id = $1`, [
      fleet['delta']!.uuid,
      JSON.stringify({ conditions: [], operands: {}, platform: null, config: null, dependencies: { required: {}, optional: {} } }),
    ]);
    expect((await api('DELETE', `/api/v1/clusters/${fleet['foxtrot']!.uuid}`)).status).toBe(202);
  });

  afterAll(async () => {
    await system?.stop();
    await db?.end();
  });

  describe('GET /api/v1/clusters/{clusterUuid}/minimal', () => {
    it('renders the minimal fields with the derived state and the reported ingress class', async () => {
      const bravo = await api<MinimalCluster>('GET', `/api/v1/clusters/${fleet['bravo']!.uuid}/minimal`);
      expect(bravo.status).toBe(200);
      expect(bravo.body).toEqual({ uuid: fleet['bravo']!.uuid, name: 'bravo', tenantId: tenant.id, version: '2.20', domain: 'b.example.com', state: 'Connected', ingressClass: 'nginx' });
      const alpha = await api<MinimalCluster>('GET', `/api/v1/clusters/${fleet['alpha']!.uuid}/minimal`);
      expect(alpha.body).toEqual({ uuid: fleet['alpha']!.uuid, name: 'alpha', tenantId: tenant.id, version: '2.9', domain: 'a.example.com', state: 'WaitingToConnect', ingressClass: null });
      expect(await stateOf(fleet['charlie']!.uuid)).toBe('MissingPrerequisites');
      expect(await stateOf(fleet['delta']!.uuid)).toBe('Disconnected');
    });

    it('still answers for a cluster awaiting deletion', async () => {
      expect(await stateOf(fleet['foxtrot']!.uuid)).toBe('Connected');
    });

    it('answers 404 for another tenant’s or an unknown cluster, 400 for a malformed uuid, 401 without a token', async () => {
      for (const token of [otherAdmin]) expect((await api('GET', `/api/v1/clusters/${fleet['alpha']!.uuid}/minimal`, { token })).status).toBe(404);
      const unknown = await api<RunaiError>('GET', `/api/v1/clusters/${UNKNOWN_UUID}/minimal`);
      expect(unknown.body).toEqual({ code: 404, message: `cluster ${UNKNOWN_UUID} not found` });
      expect((await api('GET', '/api/v1/clusters/x/minimal')).status).toBe(400);
      expect((await api('GET', `/api/v1/clusters/${UNKNOWN_UUID}/minimal`, { token: null })).status).toBe(401);
    });
  });

  describe('GET /api/v1/clusters/minimal', () => {
    it('wraps the tenant’s live clusters in {clusters}, in creation order, without those awaiting deletion', async () => {
      const response = await api<{ clusters: MinimalCluster[] }>('GET', '/api/v1/clusters/minimal');
      expect(Object.keys(response.body)).toEqual(['clusters']);
      expect(response.body.clusters.map((c) => c.name)).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
      expect(response.body.clusters.map((c) => c.state)).toEqual(['WaitingToConnect', 'Connected', 'MissingPrerequisites', 'Disconnected', 'WaitingToConnect']);
      expect(await names('')).not.toContain('foxtrot');
    });

    describe('pagination', () => {
      it('pages with offset and limit', async () => {
        expect(await names('?limit=1')).toEqual(['alpha']);
        expect(await names('?offset=1&limit=2')).toEqual(['bravo', 'charlie']);
        expect(await names('?offset=4&limit=500')).toEqual(['echo']);
        expect(await names('?offset=5')).toEqual([]);
        expect(await names('?offset=0&limit=500')).toHaveLength(5);
      });

      it.each([
        ['?limit=0', 'limit: must be at least 1'],
        ['?limit=501', 'limit: must be at most 500'],
        ['?limit=-1', 'limit: must be a whole number'],
        ['?limit=ten', 'limit: must be a whole number'],
        ['?offset=-1', 'offset: must be a whole number'],
        ['?offset=2147483648', 'offset: must be at most 2147483647'],
        ['?limit=1&limit=2', 'limit: Invalid input: expected string, received array'],
      ])('answers 400 for %s', async (query, message) => {
        const response = await api<RunaiError>('GET', `/api/v1/clusters/minimal${query}`);
        expect(response.status).toBe(400);
        expect(response.body.message).toBe(`invalid query: ${message}`);
      });

      it('returns 50 by default and up to 500', async () => {
        const token = await signTestToken(bigTenant);
        const made: string[] = [];
        for (let batch = 0; batch < 52; batch += 4) {
          made.push(...(await Promise.all([0, 1, 2, 3].map(async (i) => (await create(`bulk-${String(batch + i).padStart(2, '0')}`, {}, token)).name))));
        }
        const page = async (query: string) => (await api<{ clusters: MinimalCluster[] }>('GET', `/api/v1/clusters/minimal${query}`, { token })).body.clusters.map((c) => c.name);
        const all = await page('?limit=500');
        expect(all).toHaveLength(52);
        expect([...all].sort()).toEqual([...made].sort());
        expect(await page('')).toEqual(all.slice(0, 50));
        expect(await page('?offset=50')).toEqual(all.slice(50));
        expect(await page('?offset=10&limit=5')).toEqual(all.slice(10, 15));
      });
    });

    describe('filterBy', () => {
      const uuids = () => Object.values(fleet).filter((c) => c.name !== 'foxtrot');
      const namesWhere = (keep: (c: Created) => boolean) => uuids().filter(keep).map((c) => c.name);

      it.each([
        ['name==bravo', ['bravo']],
        ['name!=bravo', ['alpha', 'charlie', 'delta', 'echo']],
        ['name<=charlie', ['alpha', 'bravo', 'charlie']],
        ['name>=delta', ['delta', 'echo']],
        ['version==2.20', ['bravo']],
        ['version!=2.20', ['alpha', 'charlie', 'delta', 'echo']],
        ['version>=2.20', ['bravo', 'charlie']],
        ['version<=2.19', ['alpha', 'echo']],
        ['version>=2.24.1', ['charlie']],
        ['domain==b.example.com', ['bravo']],
        ['domain!=b.example.com', ['alpha', 'charlie', 'delta', 'echo']],
        ['domain<=b.example.com', ['alpha', 'bravo']],
        ['domain>=d', ['delta', 'echo']],
        ['state==WaitingToConnect', ['alpha', 'echo']],
        ['state==Connected', ['bravo']],
        ['state==MissingPrerequisites', ['charlie']],
        ['state==Disconnected', ['delta']],
        ['state!=WaitingToConnect', ['bravo', 'charlie', 'delta']],
        ['state<=Connected', ['bravo']],
        ['state>=MissingPrerequisites', ['alpha', 'charlie', 'echo']],
        ['createdAt>=2000-01-01', ['alpha', 'bravo', 'charlie', 'delta', 'echo']],
        ['createdAt<=2000-01-01T00:00:00Z', []],
        ['name!=alpha,version>=2.20', ['bravo', 'charlie']],
      ])('%s', async (filter, expected) => {
        expect(await names(`?filterBy=${encodeURIComponent(filter)}`)).toEqual(expected);
      });

      it('filters on uuid with every operator', async () => {
        const pivot = fleet['charlie']!.uuid;
        expect(await names(`?filterBy=uuid==${pivot.toUpperCase()}`)).toEqual(['charlie']);
        expect(await names(`?filterBy=uuid!=${pivot}`)).toEqual(namesWhere((c) => c.uuid !== pivot));
        expect(await names(`?filterBy=${encodeURIComponent(`uuid<=${pivot}`)}`)).toEqual(namesWhere((c) => c.uuid <= pivot));
        expect(await names(`?filterBy=${encodeURIComponent(`uuid>=${pivot}`)}`)).toEqual(namesWhere((c) => c.uuid >= pivot));
      });

      it('filters on createdAt with every operator, to the millisecond', async () => {
        const pivot = fleet['charlie']!.createdAt;
        const at = new Date(pivot).getTime();
        for (const [op, keep] of [
          ['==', (t: number) => t === at],
          ['!=', (t: number) => t !== at],
          ['<=', (t: number) => t <= at],
          ['>=', (t: number) => t >= at],
        ] as const) {
          expect(await names(`?filterBy=${encodeURIComponent(`createdAt${op}${pivot}`)}`)).toEqual(namesWhere((c) => keep(new Date(c.createdAt).getTime())));
        }
        expect(await names(`?filterBy=${encodeURIComponent(`createdAt==${pivot}`)}`)).toContain('charlie');
      });

      it('takes repeated filterBy parameters, combined with paging', async () => {
        expect(await names('?filterBy=name!=alpha&filterBy=name!=echo&limit=2&offset=1')).toEqual(['charlie', 'delta']);
      });

      it('accepts 10 terms and answers 400 for 11', async () => {
        const terms = (n: number) => Array.from({ length: n }, (_, i) => `filterBy=name!=nope-${i}`).join('&');
        expect(await names(`?${terms(10)}`)).toHaveLength(5);
        const response = await api<RunaiError>('GET', `/api/v1/clusters/minimal?${terms(11)}`);
        expect(response.status).toBe(400);
        expect(response.body.message).toContain('at most 10 filterBy terms are allowed, got 11');
      });

      it.each([
        ['name=bravo', 'expected field==value'],
        ['owner==me', "unknown field 'owner'"],
        ['createdAt>=last-week', 'createdAt must be an ISO 8601 date'],
        ['version>=newest', 'version must look like 2.20'],
        ['state==Ready', 'state must be one of'],
        ['uuid==123', 'uuid must be a UUID'],
      ])('answers 400 naming the bad term %s', async (filter, message) => {
        const response = await api<RunaiError>('GET', `/api/v1/clusters/minimal?filterBy=${encodeURIComponent(filter)}`);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: 400, details: expect.stringContaining(`filterBy: '${filter}': ${message}`) });
      });

      it('never shows another tenant’s clusters', async () => {
        expect(await names('?filterBy=name==alpha')).toEqual(['alpha']);
        const theirs = await api<{ clusters: MinimalCluster[] }>('GET', '/api/v1/clusters/minimal', { token: otherAdmin });
        expect(theirs.body.clusters.map((c) => c.tenantId)).toEqual([otherTenant.id]);
      });
    });
  });

  describe('GET /api/v1/clusters/{clusterUuid}/metrics', () => {
    // Recent, so the status service's retention never prunes them mid-test.
    const t0 = new Date(Math.floor((Date.now() - 30 * 60_000) / 1000) * 1000);
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    const iso = (seconds: number) => at(seconds).toISOString();
    const range = `start=${iso(0)}&end=${iso(60)}`;
    let cluster: string;

    beforeAll(async () => {
      cluster = (await create('metrics-source')).uuid;
      const elsewhere = (await create('metrics-elsewhere')).uuid;
      // [seconds after t0, value] per type and node pool. With 3 buckets of 20 s, GPU_UTILIZATION
      // in pool a averages 15 | 50 | 90 (a sample at 20 s opens the second bucket, one at the end
      // closes the last), pool b 30 | – | 70; TOTAL_GPU a 8 | 8, b 5 | 5. Samples before start,
      // after end, of another type or of another cluster never count.
      const series: Record<string, Record<string, [number, number][]>> = {
        GPU_UTILIZATION: { a: [[1, 10], [5, 20], [20, 40], [39.999, 60], [60, 90], [-1, 999], [61, 999]], b: [[2, 30], [45, 70]] },
        TOTAL_GPU: { a: [[1, 8], [21, 8]], b: [[1, 4], [3, 6], [22, 5]] },
        CPU_UTILIZATION: { a: [[10, 999]] },
      };
      const samples = Object.entries(series).flatMap(([type, pools]) =>
        Object.entries(pools).flatMap(([pool, points]) => points.map(([seconds, value]) => [cluster, type, pool, seconds, value] as const)),
      );
      samples.push([elsewhere, 'GPU_UTILIZATION', 'a', 10, 999]);
      await db.query(
        `INSERT INTO metric_samples (cluster_id, metric_type, node_pool, time, value)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::float8[])`,
        [samples.map((s) => s[0]), samples.map((s) => s[1]), samples.map((s) => s[2]), samples.map((s) => at(s[3])), samples.map((s) => s[4])],
      );
    });

    const metrics = async (query: string) => {
      const response = await api<{ measurements: Measurement[] }>('GET', `/api/v1/clusters/${cluster}/metrics?${query}`);
      expect(response.status).toBe(200);
      return response.body.measurements;
    };
    const series = (...points: [number, string][]) => points.map(([seconds, value]) => ({ value, timestamp: iso(seconds) }));

    it('averages each node pool’s samples into equal buckets with groupBy=Nodepool', async () => {
      expect(await metrics(`${range}&metricType=GPU_UTILIZATION,TOTAL_GPU&numberOfSamples=3&groupBy=Nodepool`)).toEqual([
        { type: 'GPU_UTILIZATION', labels: { nodepoolName: 'a' }, values: series([0, '15'], [20, '50'], [40, '90']) },
        { type: 'GPU_UTILIZATION', labels: { nodepoolName: 'b' }, values: series([0, '30'], [40, '70']) },
        { type: 'TOTAL_GPU', labels: { nodepoolName: 'a' }, values: series([0, '8'], [20, '8']) },
        { type: 'TOTAL_GPU', labels: { nodepoolName: 'b' }, values: series([0, '5'], [20, '5']) },
      ]);
    });

    it('combines pools per bucket without grouping: levels averaged, counts summed', async () => {
      expect(await metrics(`${range}&metricType=GPU_UTILIZATION&metricType=TOTAL_GPU&numberOfSamples=3`)).toEqual([
        { type: 'GPU_UTILIZATION', labels: null, values: series([0, '22.5'], [20, '50'], [40, '80']) },
        { type: 'TOTAL_GPU', labels: null, values: series([0, '13'], [20, '13']) },
      ]);
    });

    it('filters by nodepoolName', async () => {
      expect(await metrics(`${range}&metricType=GPU_UTILIZATION,TOTAL_GPU&numberOfSamples=3&nodepoolName=b`)).toEqual([
        { type: 'GPU_UTILIZATION', labels: null, values: series([0, '30'], [40, '70']) },
        { type: 'TOTAL_GPU', labels: null, values: series([0, '5'], [20, '5']) },
      ]);
      expect(await metrics(`${range}&metricType=TOTAL_GPU&groupBy=Nodepool&nodepoolName=a&numberOfSamples=1`)).toEqual([
        { type: 'TOTAL_GPU', labels: { nodepoolName: 'a' }, values: series([0, '8']) },
      ]);
    });

    it('takes 20 samples by default, and one bucket for the whole range with numberOfSamples=1', async () => {
      expect(await metrics(`${range}&metricType=GPU_UTILIZATION&nodepoolName=a`)).toEqual([
        { type: 'GPU_UTILIZATION', labels: null, values: series([0, '10'], [3, '20'], [18, '40'], [39, '60'], [57, '90']) },
      ]);
      expect(await metrics(`${range}&metricType=GPU_UTILIZATION,TOTAL_GPU&numberOfSamples=1`)).toEqual([
        { type: 'GPU_UTILIZATION', labels: null, values: series([0, '47']) },
        { type: 'TOTAL_GPU', labels: null, values: series([0, '13']) },
      ]);
    });

    it('answers every requested type, empty when it has no samples or numberOfSamples=0', async () => {
      expect(await metrics(`${range}&metricType=ALLOCATED_GPU,GPU_UTILIZATION&numberOfSamples=0`)).toEqual([
        { type: 'ALLOCATED_GPU', labels: null, values: [] },
        { type: 'GPU_UTILIZATION', labels: null, values: [] },
      ]);
      expect(await metrics(`${range}&metricType=ALLOCATED_GPU`)).toEqual([{ type: 'ALLOCATED_GPU', labels: null, values: [] }]);
      expect(await metrics(`${range}&metricType=ALLOCATED_GPU&groupBy=Nodepool`)).toEqual([]);
      expect(await metrics(`${range}&metricType=TOTAL_GPU&numberOfSamples=1000`)).toHaveLength(1);
    });

    it('shows the samples an agent reports', async () => {
      const reporting = (await create('metrics-reporter')).uuid;
      const sampledAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 10_000);
      const report = {
        reportedAt: new Date().toISOString(),
        version: '2.24',
        metrics: [
          { type: 'ALLOCATED_GPU', nodePool: 'h100', value: 6, timestamp: sampledAt.toISOString() },
          { type: 'ALLOCATED_GPU', nodePool: 'h100', value: 2, timestamp: new Date(sampledAt.getTime() + 1_000).toISOString() },
        ],
      };
      expect((await new TestAgent(system.gatewayUrl, admin, reporting).report(report)).status).toBe(200);
      const query = `start=${sampledAt.toISOString()}&end=${new Date(sampledAt.getTime() + 60_000).toISOString()}&metricType=ALLOCATED_GPU&groupBy=Nodepool&numberOfSamples=1`;
      const response = await api<{ measurements: Measurement[] }>('GET', `/api/v1/clusters/${reporting}/metrics?${query}`);
      expect(response.body.measurements).toEqual([{ type: 'ALLOCATED_GPU', labels: { nodepoolName: 'h100' }, values: [{ value: '4', timestamp: sampledAt.toISOString() }] }]);
    });

    it('lets a viewer read metrics', async () => {
      const response = await api('GET', `/api/v1/clusters/${cluster}/metrics?${range}&metricType=TOTAL_GPU`, { token: await signTestToken(tenant, ['viewer']) });
      expect(response.status).toBe(200);
    });

    it.each([
      [`end=${encodeURIComponent('2025-03-01T13:00:00Z')}&metricType=TOTAL_GPU`, 'start: is required'],
      ['start=2025-03-01T13:00:00Z&end=2025-03-01T12:00:00Z&metricType=TOTAL_GPU', 'end: must be after start'],
      ['start=2025-03-01T12:00:00Z&end=2025-03-01T12:00:00Z&metricType=TOTAL_GPU', 'end: must be after start'],
      ['start=2025-03-01&end=2025-03-02&metricType=TOTAL_GPU', 'start: must be an ISO 8601 date-time'],
      ['start=2025-03-01T12:00:00Z&end=2025-03-01T13:00:00Z', 'metricType: is required'],
      ['start=2025-03-01T12:00:00Z&end=2025-03-01T13:00:00Z&metricType=GPU_TEMPERATURE', 'metricType.0: must be one of'],
      ['start=2025-03-01T12:00:00Z&end=2025-03-01T13:00:00Z&metricType=TOTAL_GPU&numberOfSamples=1001', 'numberOfSamples: must be at most 1000'],
      ['start=2025-03-01T12:00:00Z&end=2025-03-01T13:00:00Z&metricType=TOTAL_GPU&numberOfSamples=-1', 'numberOfSamples: must be a whole number'],
      ['start=2025-03-01T12:00:00Z&end=2025-03-01T13:00:00Z&metricType=TOTAL_GPU&groupBy=Category', 'groupBy: Category is not available'],
    ])('answers 400 for %s', async (query, message) => {
      const response = await api<RunaiError>('GET', `/api/v1/clusters/${cluster}/metrics?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(message);
    });

    it('answers 404 for another tenant’s or an unknown cluster, 400 for a malformed uuid', async () => {
      expect((await api('GET', `/api/v1/clusters/${cluster}/metrics?${range}&metricType=TOTAL_GPU`, { token: otherAdmin })).status).toBe(404);
      expect((await api('GET', `/api/v1/clusters/${UNKNOWN_UUID}/metrics?${range}&metricType=TOTAL_GPU`)).status).toBe(404);
      expect((await api('GET', `/api/v1/clusters/nope/metrics?${range}&metricType=TOTAL_GPU`)).status).toBe(400);
      expect((await api('GET', `/api/v1/clusters/${cluster}/metrics?${range}&metricType=TOTAL_GPU`, { token: null })).status).toBe(401);
    });
  });

  it('validated every operation of seed 002 with its success and error statuses', () => {
    const coverage = validator.coverage();
    for (const [operation, statuses] of Object.entries({
      'GET /api/v1/clusters/minimal': [200, 400],
      'GET /api/v1/clusters/{clusterUuid}/minimal': [200, 400, 401, 404],
      'GET /api/v1/clusters/{clusterUuid}/metrics': [200, 400, 401, 404],
    })) {
      expect({ operation, statuses: coverage[operation] }).toEqual({ operation, statuses: expect.arrayContaining(statuses) });
    }
  });
});
