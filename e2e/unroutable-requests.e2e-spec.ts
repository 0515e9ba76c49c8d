import { signTestToken, TestSystem, uniqueTenant } from '@clusterplane/testing';
import { expectDialectError } from './support/dialect-errors';
import { RawHttpClient } from './support/fuzz/raw-http';
import { dialectOf } from './support/route-inventory';

/**
 * Requests Fastify or Node's parser refuse before any route runs (found by the fuzz test):
 * each is still a 4xx in the body of the dialect its path names, never Fastify's own body.
 */
describe('requests refused before routing', () => {
  let system: TestSystem;
  let client: RawHttpClient;
  let token: string;

  beforeAll(async () => {
    system = await TestSystem.start({ label: 'unroutable', services: ['gateway'] });
    client = new RawHttpClient(system.gatewayUrl, 4, 10_000);
    token = await signTestToken(uniqueTenant('unroutable'));
  });

  afterAll(async () => {
    client?.close();
    await system?.stop();
  });

  const paths = ['/api/v1/clusters/{}', '/api/svc/v1/clusters/{}', '/v1/accounts/acme/clusters/{}', '/api/v1alpha1/instances/{}', '/ops/api/queues/{}/failed'];
  const cases: [string, (path: string) => { path: string; headers?: Record<string, string> }, number][] = [
    ['a malformed percent-encoding', (p) => ({ path: p.replace('{}', '%zz') }), 400],
    ['a path segment of 8 000 characters', (p) => ({ path: p.replace('{}', 'a'.repeat(8_000)) }), 414],
    ['a byte no URL may hold', (p) => ({ path: p.replace('{}', '\u00e9') }), 400],
    ['headers over 16 KiB', (p) => ({ path: p.replace('{}', 'x'), headers: { 'x-large': 'h'.repeat(20_000) } }), 431],
  ];

  it.each(paths.flatMap((path) => cases.map(([what, make, status]) => [`${path} with ${what}`, path, make, status] as const)))('%s is answered in its dialect', async (_, path, make, status) => {
    const request = make(path);
    const answer = await client.send({ method: 'GET', path: request.path, headers: { authorization: `Bearer ${token}`, 'x-project-id': '00000000-0000-4000-8000-000000000000', ...request.headers } });
    expect(answer.status).toBe(status);
    expectDialectError(dialectOf(path), { status: answer.status, body: JSON.parse(answer.text) as unknown, headers: new Headers({ 'content-type': answer.contentType }) });
  });
});
