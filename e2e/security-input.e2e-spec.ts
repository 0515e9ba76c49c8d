import { http, signTestToken, TestSystem, uniqueTenant } from '@clusterplane/testing';

/** One mutation route per dialect, and how that dialect renders an error body. */
const DIALECTS = [
  { name: 'runai', method: 'POST', path: () => '/api/v1/clusters', body: (status: number) => ({ code: status, message: expect.any(String) }) },
  { name: 'truefoundry', method: 'PUT', path: () => '/api/svc/v1/clusters', body: (status: number) => ({ statusCode: status, message: expect.any(String), code: expect.any(String), details: [] }) },
  { name: 'fireworks', method: 'POST', path: (slug: string) => `/v1/accounts/${slug}/clusters`, body: (status: number) => ({ code: status, message: expect.any(String), details: [] }) },
  { name: 'fluidstack', method: 'POST', path: () => '/api/v1alpha1/projects', body: () => ({ message: expect.any(String) }) },
];

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * Bad input at the framing level (SPEC section 8): malformed JSON, oversized and deeply nested
 * bodies, other content types, prototype poisoning; every answer in the dialect's error shape
 * with the security headers, and the gateway still answering afterwards.
 */
describe('gateway framing, headers and credentials', () => {
  let system: TestSystem;
  const tenant = uniqueTenant('sec-in');
  let token: string;

  beforeAll(async () => {
    system = await TestSystem.start({ label: 'secinput', services: ['gateway'] });
    token = await signTestToken(tenant, ['admin']);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const send = (dialect: (typeof DIALECTS)[number], body: string, contentType = 'application/json') =>
    http(system.gatewayUrl, dialect.method, dialect.path(tenant.slug), { token, body, headers: { 'content-type': contentType } });

  describe.each(DIALECTS)('$name', (dialect) => {
    it.each([
      ['malformed JSON', '{"name": "x",', 400, 'not valid JSON'],
      ['a body nested 100 000 deep', '['.repeat(100_000) + ']'.repeat(100_000), 400, 'nests deeper than 32 levels'],
      ['a body nested 33 deep', '{"a":'.repeat(33) + '1' + '}'.repeat(33), 400, 'nests deeper than 32 levels'],
      ['a body over 1 MiB', JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }), 413, 'larger than 1 MiB'],
      ['a __proto__ key', '{"name":"x","__proto__":{"admin":true}}', 400, 'not valid JSON'],
    ])('answers %s with %s in its own error shape', async (_what, body, status, message) => {
      const response = await send(dialect, body);
      expect(response.status).toBe(status);
      expect(response.body).toEqual(dialect.body(status));
      expect(JSON.stringify(response.body)).toContain(message);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('refuses the content type %s with 415', async (contentType) => {
      const response = await send(dialect, 'name=x', contentType);
      expect(response.status).toBe(415);
      expect(response.body).toEqual(dialect.body(415));
      expect(JSON.stringify(response.body)).toContain('send application/json');
    });
  });

  it('still answers after the hostile bodies', async () => {
    expect((await http(system.gatewayUrl, 'GET', '/api/v1/clusters', { token })).status).toBe(200);
  });

  it.each([
    ['a list', '/api/v1/clusters', true, 200],
    ['a missing token', '/api/v1/clusters', false, 401],
    ['an unknown route', '/api/v1/no-such-route', true, 404],
    ['the OpenAPI document', '/openapi.json', false, 200],
    ['Swagger UI', '/docs', false, 200],
    ['a Swagger UI asset', '/docs/swagger-ui.css', false, 200],
    ['the health probe', '/healthz', false, 200],
  ])('sets the security headers on %s (%s, token %s → %s)', async (_what, path, withToken, status) => {
    const response = await http(system.gatewayUrl, 'GET', path, withToken ? { token } : {});
    expect(response.status).toBe(status);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
    expect(response.headers.get('x-powered-by')).toBeNull();
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    if (path.startsWith('/docs')) {
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    } else {
      expect(policy).toContain("default-src 'none'");
    }
  });

  it('refuses a user token on the agent route: agents authenticate with their client secret only', async () => {
    const response = await http(system.gatewayUrl, 'POST', '/api/v1/agent/clusters/3f2b8c1e-0000-4000-8000-000000000001/status', { token, body: { reportedAt: new Date().toISOString(), version: '2.20.0' } });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ code: 401, message: expect.any(String) });
  });
});
