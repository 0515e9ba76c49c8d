import { http, signTestToken, TestSystem, uniqueTenant, type HttpResult } from '@clusterplane/testing';

const BURST = 6;

/**
 * Per-tenant mutation limit (SPEC section 8): one Redis token bucket per tenant shared by every
 * gateway replica; over it a 429 with Retry-After in the dialect's error body. Reads, other
 * tenants and the operators' routes are not limited. Requests here fail validation on purpose:
 * the limit applies before the handler, so no worker service is needed.
 */
describe('per-tenant mutation rate limit across two gateway replicas', () => {
  let system: TestSystem;
  const tenant = uniqueTenant('rl');
  let token: string;
  let replicaUrls: string[];

  beforeAll(async () => {
    // 0.01 token/s: a spent bucket stays empty for the whole test, however slow the machine.
    system = await TestSystem.start({ label: 'ratelimit', services: ['gateway'], replicas: { gateway: 2 }, env: { RATE_LIMIT_MUTATIONS_PER_S: '0.01', RATE_LIMIT_BURST: String(BURST) } });
    token = await signTestToken(tenant, ['admin']);
    replicaUrls = system.replicas('gateway').map((r) => r.url);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const mutations: { dialect: string; method: string; path: () => string; headers?: Record<string, string> }[] = [
    { dialect: 'runai', method: 'POST', path: () => '/api/v1/clusters' },
    { dialect: 'truefoundry', method: 'PUT', path: () => '/api/svc/v1/clusters' },
    { dialect: 'fireworks', method: 'POST', path: () => `/v1/accounts/${tenant.slug}/clusters` },
    { dialect: 'fluidstack', method: 'POST', path: () => '/api/v1alpha1/projects' },
  ];

  const expectRetryAfter = (response: HttpResult) => {
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  };

  it('lets the burst through, spread over both replicas, then answers 429 on either replica in each dialect', async () => {
    for (let i = 0; i < BURST; i++) {
      const response = await http(replicaUrls[i % 2]!, 'POST', '/api/v1/clusters', { token, body: {} });
      expect(response.status).toBe(400);
    }
    for (const [i, mutation] of mutations.entries()) {
      const response = await http(replicaUrls[i % 2]!, mutation.method, mutation.path(), { token, body: {} });
      expectRetryAfter(response);
      const message = expect.stringContaining('retry after');
      const expected: Record<string, unknown> = {
        runai: { code: 429, message },
        truefoundry: { statusCode: 429, message, code: 'rate_limited', details: [] },
        fireworks: { code: 429, message, details: [] },
        fluidstack: { message },
      };
      expect(response.body).toEqual(expected[mutation.dialect]);
    }
  });

  it('does not limit reads, another tenant, or the operators’ routes', async () => {
    for (const url of replicaUrls) {
      expect((await http(url, 'GET', '/api/v1/clusters', { token })).status).toBe(200);
      expect((await http(url, 'GET', '/api/svc/v1/clusters', { token })).status).toBe(200);
    }
    const other = await signTestToken(uniqueTenant('rl-other'), ['editor']);
    expect((await http(replicaUrls[0]!, 'POST', '/api/v1/clusters', { token: other, body: {} })).status).toBe(400);
    const ops = await signTestToken(tenant, ['ops']);
    expect((await http(replicaUrls[1]!, 'POST', '/ops/api/reconcile', { token: ops })).status).toBe(202);
    // The spent tenant is still limited afterwards.
    expectRetryAfter(await http(replicaUrls[0]!, 'DELETE', '/api/v1/clusters/3f2b8c1e-0000-4000-8000-000000000001', { token }));
  });
});
