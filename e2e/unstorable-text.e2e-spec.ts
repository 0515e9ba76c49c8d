import { randomUUID } from 'node:crypto';
import { http, signTestToken, TestSystem, uniqueTenant } from '@clusterplane/testing';
import { expectDialectError } from './support/dialect-errors';
import { dialectOf } from './support/route-inventory';

/**
 * Text Postgres cannot store (a NUL character, an unpaired UTF-16 surrogate) in a path
 * parameter, a query or a body: found by the fuzz test as 500s from inside queries, now a 400
 * (TrueFoundry 422) naming the field before any route code runs.
 */
describe('text that cannot be stored', () => {
  let system: TestSystem;
  let token: string;
  const tenant = uniqueTenant('unstorable');

  beforeAll(async () => {
    system = await TestSystem.start({ label: 'unstorable', services: ['gateway'] });
    token = await signTestToken(tenant);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const project = randomUUID();
  const cases: [string, string, string, unknown, string, number][] = [
    ['a project name with an unpaired surrogate', 'POST', '/api/v1alpha1/projects', { name: '\uD800' }, 'name', 400],
    ['a Run:ai version with a NUL character', 'POST', '/api/v1/clusters', { name: 'nul', version: '\u0000' }, 'version', 400],
    ['a tag key with a NUL character', 'POST', '/api/v1alpha1/projects', { name: 'p', tags: { 'k\u0000': 'v' } }, 'tags.k', 400],
    ['a Slurm username path parameter with a NUL character', 'GET', `/api/v1alpha1/slurm/clusters/${randomUUID()}/users/%00`, undefined, 'username', 400],
    ['a Fireworks cluster id with a NUL character', 'GET', `/v1/accounts/${tenant.slug}/clusters/%00:getConnectionInfo`, undefined, 'clusterId', 400],
    ['a TrueFoundry manifest name with a NUL character', 'PUT', '/api/svc/v1/clusters', { manifest: { type: 'cluster', name: 'a\u0000b' } }, 'manifest.name', 422],
    ['a query value with a NUL character', 'GET', '/api/svc/v1/clusters?limit=%00', undefined, 'limit', 422],
  ];

  it.each(cases)('refuses %s', async (_, method, path, body, field, status) => {
    const response = await http(system.gatewayUrl, method, path, { token, body, headers: { 'x-project-id': project } });
    expect(response.status).toBe(status);
    expectDialectError(dialectOf(path), response);
    expect(JSON.stringify(response.body)).toContain(field);
  });
});
