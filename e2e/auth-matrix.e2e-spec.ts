import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { http, TestSystem, testInfrastructure, uniqueTenant } from '@clusterplane/testing';
import { crossTenantCases, forgeryCases, outcomeOf, roleCases, send, startCases, unique, type Forgery, type MatrixCase, type MatrixTarget } from './support/auth-matrix-cases';
import { hmacWithPublicKey, keyPairIssuer, secretIssuer, unsignedToken, type KeyPairIssuer, type TokenIssuer } from './support/auth-tokens';
import { expectDialectError } from './support/dialect-errors';
import { registeredRoutes, routeResolver } from './support/registered-routes';
import { buildRequest, expectedAccess, QUEUES_UI_PREFIX, routeInventory, routeKey, ROUTE_RECIPES, type RouteSpec } from './support/route-inventory';
import { createFleet, missingIds } from './support/tenant-fleet';
import { snapshotDiff, snapshotTenants, type SnapshotRow } from './support/tenant-snapshot';

/**
 * SPEC section 8 over every route of every dialect: each way of presenting a bad credential is
 * 401, a role too low is 403, a role high enough reads, agents reach only their route with
 * their cluster's secret, and another tenant's resource is exactly a missing one. Once with
 * HS256 tokens (issuer and audience required), once against a JWKS (RS256).
 */
const ISSUER = 'https://issuer.matrix.test';
const AUDIENCE = 'clusterplane-matrix';
const { routes, withoutRecipe } = routeInventory();
const byAccess = (kind: RouteSpec['access']['kind']) => routes.filter((r) => r.access.kind === kind);

const secretTokens = secretIssuer({ issuer: ISSUER, audience: AUDIENCE });
const wrongSecretTokens = secretIssuer({ issuer: ISSUER, audience: AUDIENCE, secret: 'another-secret-that-is-long-enough-0123456789' });
let jwksTokens: KeyPairIssuer;
let strangerTokens: KeyPairIssuer;

const tokenOf = (issuer: () => TokenIssuer): MatrixTarget['token'] => (fleet, roles, claims) => issuer().sign(fleet.tenant, roles, claims);
let secretTarget: MatrixTarget;
let jwksTarget: MatrixTarget;
const missing = missingIds();

const SECRET_MODE_FORGERIES: Forgery[] = [
  { name: 'no token', credential: async () => undefined },
  { name: 'not a JWT', credential: async () => 'not-a-jwt' },
  { name: 'JWT without its signature', credential: async (t) => `${(await t.token(t.a, ['admin'])).split('.').slice(0, 2).join('.')}.` },
  { name: 'wrong signature', credential: (t) => wrongSecretTokens.sign(t.a.tenant, ['admin']) },
  { name: 'alg none', credential: async (t) => unsignedToken(t.a.tenant, ['admin'], { issuer: ISSUER, audience: AUDIENCE }) },
  { name: 'expired', credential: (t) => t.token(t.a, ['admin'], { expiresIn: -60 }) },
  { name: 'no expiry', credential: (t) => t.token(t.a, ['admin'], { withoutExpiry: true }) },
  { name: 'not yet valid', credential: (t) => t.token(t.a, ['admin'], { notBeforeIn: 60 }) },
  { name: 'wrong issuer', credential: (t) => t.token(t.a, ['admin'], { issuer: 'https://elsewhere.test' }) },
  { name: 'wrong audience', credential: (t) => t.token(t.a, ['admin'], { audience: 'another-api' }) },
  { name: 'no tenant_id claim', credential: (t) => t.token(t.a, ['admin'], { withoutTenantId: true }) },
  { name: "a cluster's agent secret", credential: async (t) => t.a.agentSecret },
];

const JWKS_MODE_FORGERIES: Forgery[] = [
  { name: 'no token', credential: async () => undefined },
  { name: 'HS256 keyed with the public key (PEM)', credential: (t) => hmacWithPublicKey(jwksTokens, 'pem', t.a.tenant, ['admin']) },
  { name: 'HS256 keyed with the public key (JWK)', credential: (t) => hmacWithPublicKey(jwksTokens, 'jwk', t.a.tenant, ['admin']) },
  { name: 'HS256 with the development secret', credential: (t) => secretTokens.sign(t.a.tenant, ['admin']) },
  { name: 'alg none', credential: async (t) => unsignedToken(t.a.tenant, ['admin'], { issuer: ISSUER, audience: AUDIENCE }) },
  { name: 'RS256 from another key with the same kid', credential: (t) => strangerTokens.sign(t.a.tenant, ['admin']) },
  { name: 'expired', credential: (t) => t.token(t.a, ['admin'], { expiresIn: -60 }) },
  { name: 'wrong issuer', credential: (t) => t.token(t.a, ['admin'], { issuer: 'https://elsewhere.test' }) },
  { name: 'wrong audience', credential: (t) => t.token(t.a, ['admin'], { audience: 'another-api' }) },
];

/** The agent route: only the cluster's own client secret, never a user token or another cluster's secret. */
function agentCases(route: RouteSpec, target: () => MatrixTarget): MatrixCase[] {
  const refused = (name: string, credential: (t: MatrixTarget) => Promise<string | undefined>): MatrixCase => ({
    name: `${route.key} · ${name} → 401`,
    run: async () => {
      const t = target();
      const response = await send(t.gatewayUrl, buildRequest(route, t.a.ids, unique()), await credential(t));
      expect(response.status).toBe(401);
      expectDialectError(route.dialect, response);
    },
  });
  return [
    refused('no secret', async () => undefined),
    refused("the tenant admin's JWT", (t) => t.token(t.a, ['admin'])),
    refused("the ops role's JWT", (t) => t.token(t.a, ['ops'])),
    refused("another cluster's secret", async (t) => t.b.agentSecret),
    refused('a malformed secret', async () => 'not-a-secret'),
    {
      name: `${route.key} · the cluster's own secret → 200`,
      run: async () => {
        const t = target();
        expect((await send(t.gatewayUrl, buildRequest(route, t.a.ids, unique()), t.a.agentSecret)).status).toBe(200);
      },
    },
  ];
}

function publicCases(route: RouteSpec, target: () => MatrixTarget): MatrixCase[] {
  return [undefined, 'not-a-jwt'].map((credential) => ({
    name: `${route.key} · ${credential ? 'a malformed token' : 'no token'} → 200`,
    run: async () => {
      const t = target();
      expect((await send(t.gatewayUrl, buildRequest(route, t.a.ids, unique()), credential)).status).toBe(200);
    },
  }));
}

/** Fastify answers HEAD for every GET through the same handler, so through the same guard. */
function headCases(route: RouteSpec, target: () => MatrixTarget): MatrixCase[] {
  if (route.method !== 'GET') return [];
  const head = async (credential: (t: MatrixTarget) => Promise<string | undefined>, status: number) => {
    const t = target();
    const response = await send(t.gatewayUrl, { ...buildRequest(route, t.a.ids, unique()), method: 'HEAD' }, await credential(t));
    expect(response.status).toBe(status);
  };
  const other = route.access.kind === 'roles' && route.access.roles.includes('ops') ? 'admin' : 'ops';
  return [
    { name: `HEAD ${route.key.slice(4)} · no token → 401`, run: () => head(async () => undefined, 401) },
    { name: `HEAD ${route.key.slice(4)} · ${other} → 403`, run: () => head((t) => t.token(t.a, [other]), 403) },
  ];
}

const secretModeCases: MatrixCase[] = routes.flatMap((route) => {
  const target = () => secretTarget;
  if (route.access.kind === 'public') return publicCases(route, target);
  if (route.access.kind === 'agent') return agentCases(route, target);
  return [...forgeryCases(route, target, SECRET_MODE_FORGERIES), ...roleCases(route, target), ...crossTenantCases(route, target, () => missing), ...headCases(route, target)];
});
const jwksModeCases: MatrixCase[] = byAccess('roles').flatMap((route) => {
  const target = () => jwksTarget;
  return [...forgeryCases(route, target, JWKS_MODE_FORGERIES), ...roleCases(route, target)];
});

describe('auth matrix over every route', () => {
  let system: TestSystem;
  let jwksSystem: TestSystem;
  let jwksServer: Server;
  let secretOutcomes: Map<string, Promise<unknown>>;
  let jwksOutcomes: Map<string, Promise<unknown>>;
  let rowsStarted: number | undefined;
  let db: Pool;
  let fleetsBefore: Map<string, SnapshotRow>;

  beforeAll(async () => {
    process.stdout.write(
      `auth matrix: ${routes.length} routes (${byAccess('roles').length} with a token, ${byAccess('agent').length} agent, ${byAccess('public').length} public); ` +
        `${secretModeCases.length} HS256 cases + ${jwksModeCases.length} JWKS cases = ${secretModeCases.length + jwksModeCases.length}\n`,
    );
    const started = Date.now();
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    jwksTokens = await keyPairIssuer({ issuer: ISSUER, audience: AUDIENCE, kid: 'matrix-key' });
    strangerTokens = await keyPairIssuer({ issuer: ISSUER, audience: AUDIENCE, kid: 'matrix-key' });
    jwksServer = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwksTokens.jwks)));
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));

    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    [system, jwksSystem] = await Promise.all([
      TestSystem.start({ label: 'authmatrix', env: { JOB_BACKOFF_MS: '20', SIM_AGENT_INTERVAL_MS: '300', COMMAND_TIMEOUT_MS: '20000' }, serviceEnv: { gateway: { JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE } } }),
      // Only reads and refusals go to this gateway, so it needs no workers. At debug level it
      // logs the routes Fastify registered.
      TestSystem.start({ label: 'authmatrixjwks', services: ['gateway'], env: { JWT_JWKS_URL: jwksUrl, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, LOG_LEVEL: 'debug' } }),
    ]);
    const [a, b] = await Promise.all([uniqueTenant('matrix-a'), uniqueTenant('matrix-b')].map(async (tenant) => createFleet(system.gatewayUrl, tenant, await secretTokens.sign(tenant, ['admin']))));
    secretTarget = { gatewayUrl: system.gatewayUrl, a: a!, b: b!, token: tokenOf(() => secretTokens) };
    jwksTarget = { gatewayUrl: jwksSystem.gatewayUrl, a: a!, b: b!, token: tokenOf(() => jwksTokens) };
    process.stdout.write(`auth matrix: gateways up and both fleets settled in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    // The rows are independent (no row changes what another reads), so they all run now, a few
    // at a time, and each row's test reports its own outcome.
    fleetsBefore = await snapshotTenants(db, [a!.tenant.id, b!.tenant.id]);
    rowsStarted = Date.now();
    secretOutcomes = startCases(secretModeCases, 4);
    jwksOutcomes = startCases(jwksModeCases, 2);
  }, 120_000);

  afterAll(async () => {
    if (rowsStarted) process.stdout.write(`auth matrix: ${secretModeCases.length + jwksModeCases.length} rows answered in ${((Date.now() - rowsStarted) / 1000).toFixed(1)} s\n`);
    await Promise.all([system?.stop(), jwksSystem?.stop(), db?.end()]);
    await new Promise((resolve) => jwksServer?.close(resolve));
  });

  describe('route inventory', () => {
    it('has a valid request for every documented operation, and no request for a route that is not documented', () => {
      expect(withoutRecipe).toEqual([]);
      const documented = new Set(routes.map((r) => r.key));
      expect(Object.keys(ROUTE_RECIPES).filter((key) => !documented.has(key))).toEqual([]);
    });

    it('is what the gateway serves at /openapi.json, each operation with the security the gateway enforces', async () => {
      const served = (await http<{ paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>; security?: Record<string, string[]>[] }>(system.gatewayUrl, 'GET', '/openapi.json')).body;
      const operations = Object.entries(served.paths).flatMap(([template, item]) =>
        Object.entries(item)
          .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
          .map(([method, op]) => ({ key: routeKey(method, template), security: (op.security ?? served.security ?? []).flatMap((s) => Object.keys(s)), access: expectedAccess(method.toUpperCase(), template) })),
      );
      expect(operations.map((o) => o.key).sort()).toEqual(routes.filter((r) => ROUTE_RECIPES[r.key]).map((r) => r.key).sort());
      const misdocumented = operations.filter((o) => (o.access.kind === 'public' ? o.security.length !== 0 : o.access.kind === 'agent' ? !o.security.includes('agentClientSecret') : o.security.length === 0));
      expect(misdocumented).toEqual([]);
    });

    it('reaches every route Fastify registered, each documented route on its own registered route', () => {
      const registered = registeredRoutes(jwksSystem.service('gateway').logFile);
      const resolve = routeResolver(registered);
      const reached = new Set<string>();
      const unrouted: string[] = [];
      for (const route of routes) {
        const registeredRoute = resolve(route.method, route.template.replace(/\{[^}]*\}/g, 'x'));
        if (registeredRoute) reached.add(registeredRoute);
        else unrouted.push(route.key);
      }
      expect(unrouted).toEqual([]);
      // The queues UI's own routes (assets, its JSON API) sit behind the one hook its root row tests.
      expect(registered.filter((route) => !reached.has(route) && !route.split(' ')[1]!.startsWith(`${QUEUES_UI_PREFIX}/`))).toEqual([]);
    });
  });

  describe('queues UI', () => {
    // Its routes come from the bull-board plugin, known only once the gateway runs, so one test
    // walks them all; the root is also a row of the matrix above.
    it('refuses every route it registered to anyone but a valid ops token', async () => {
      const t = jwksTarget;
      const credentials: [string, string | undefined, number][] = [
        ['no token', undefined, 401],
        ['alg none', unsignedToken(t.a.tenant, ['ops'], { issuer: ISSUER, audience: AUDIENCE }), 401],
        ['HS256 keyed with the public key', await hmacWithPublicKey(jwksTokens, 'pem', t.a.tenant, ['ops']), 401],
        ['expired', await t.token(t.a, ['ops'], { expiresIn: -60 }), 401],
        ['wrong audience', await t.token(t.a, ['ops'], { audience: 'another-api' }), 401],
        ['admin', await t.token(t.a, ['admin']), 403],
        ['editor', await t.token(t.a, ['editor']), 403],
        ['viewer', await t.token(t.a, ['viewer']), 403],
      ];
      const uiRoutes = registeredRoutes(jwksSystem.service('gateway').logFile).filter((route) => route.split(' ')[1]!.startsWith(QUEUES_UI_PREFIX));
      const wrong: string[] = [];
      for (const route of uiRoutes) {
        const [method, url] = route.split(' ') as [string, string];
        const path = url.replace(/:[^/]+/g, 'provisioning').replace('*', 'app.js');
        for (const [name, credential, status] of credentials) {
          const response = await http(t.gatewayUrl, method, path, { token: credential, body: method === 'GET' ? undefined : {} });
          if (response.status !== status) wrong.push(`${route} · ${name}: expected ${status}, got ${response.status}`);
          else expectDialectError('ops', response);
        }
      }
      // A browser brings its token once as ?token=, then as a cookie: both paths verify it the same way.
      for (const [name, credential, status] of credentials.filter(([, credential]) => credential)) {
        const byQuery = await http(t.gatewayUrl, 'GET', `${QUEUES_UI_PREFIX}?token=${credential}`);
        const byCookie = await http(t.gatewayUrl, 'GET', QUEUES_UI_PREFIX, { headers: { cookie: `cp_ops_token=${credential}` } });
        if (byQuery.status !== status) wrong.push(`GET ${QUEUES_UI_PREFIX}?token= · ${name}: expected ${status}, got ${byQuery.status}`);
        if (byCookie.status !== status) wrong.push(`GET ${QUEUES_UI_PREFIX} cookie · ${name}: expected ${status}, got ${byCookie.status}`);
        if (byQuery.headers.get('set-cookie')) wrong.push(`GET ${QUEUES_UI_PREFIX}?token= · ${name}: stored a refused token in a cookie`);
      }
      const opsToken = await t.token(t.a, ['ops']);
      expect((await http(t.gatewayUrl, 'GET', `${QUEUES_UI_PREFIX}?token=${opsToken}`)).status).toBe(200);
      expect((await http(t.gatewayUrl, 'GET', QUEUES_UI_PREFIX, { headers: { cookie: `cp_ops_token=${opsToken}` } })).status).toBe(200);
      process.stdout.write(`queues UI: ${uiRoutes.length} routes × ${credentials.length} credentials = ${uiRoutes.length * credentials.length} checks, + ${2 * (credentials.length - 1) + 2} by query and cookie\n`);
      expect(uiRoutes.length).toBeGreaterThan(1);
      expect(wrong).toEqual([]);
    });
  });

  describe('HS256 tokens with issuer and audience required', () => {
    test.each(secretModeCases)('$name', ({ name }) => outcomeOf(secretOutcomes, name));
  });

  describe('RS256 tokens from a JWKS', () => {
    test.each(jwksModeCases)('$name', ({ name }) => outcomeOf(jwksOutcomes, name));
  });

  describe('after every row', () => {
    // Every mutation above was refused (401, 403, or 404 on another tenant's ids), and a read
    // changes nothing: both fleets must be row for row as they were before the first request.
    it("left both tenants' rows as they were", async () => {
      await Promise.all([...secretOutcomes.values(), ...jwksOutcomes.values()]);
      const { changed, added } = snapshotDiff(fleetsBefore, await snapshotTenants(db, [secretTarget.a.tenant.id, secretTarget.b.tenant.id]));
      expect(changed.map((row) => `${row.before.state} → ${row.after?.state ?? 'gone'}`)).toEqual([]);
      expect(added.map((row) => `${row.table} ${row.name ?? row.id}`)).toEqual([]);
    });
  });
});

