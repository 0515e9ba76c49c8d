import { GatewayClient } from './gateway-client';

type Answer = { status: number; body?: unknown; retryAfter?: string };

function stubFetch(answers: Answer[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
    calls.push({ url: String(url), init: init ?? {} });
    const answer = answers.shift() ?? { status: 500 };
    return new Response(answer.body === undefined ? '' : JSON.stringify(answer.body), {
      status: answer.status,
      headers: answer.retryAfter === undefined ? {} : { 'retry-after': answer.retryAfter },
    });
  });
  return calls;
}

describe('GatewayClient', () => {
  afterEach(() => jest.restoreAllMocks());

  it('creates a cluster with the user token and returns its uuid', async () => {
    const calls = stubFetch([{ status: 201, body: { uuid: 'c-1' } }]);
    expect(await new GatewayClient('http://gw', 'jwt').createCluster('sim-1', '2.24')).toBe('c-1');
    expect(calls[0]).toMatchObject({ url: 'http://gw/api/v1/clusters', init: { method: 'POST', body: JSON.stringify({ name: 'sim-1', version: '2.24' }) } });
    expect((calls[0]!.init.headers as Record<string, string>)['authorization']).toBe('Bearer jwt');
  });

  it('reads the client secret from the install info', async () => {
    const calls = stubFetch([{ status: 200, body: { clientSecret: 's3cret' } }]);
    expect(await new GatewayClient('http://gw', 'jwt').clientSecret('c-1', '2.24')).toBe('s3cret');
    expect(calls[0]!.url).toBe('http://gw/api/v1/clusters/c-1/cluster-install-info?version=2.24');
  });

  it('tries again after 429 and 503, as long as the gateway asks', async () => {
    const calls = stubFetch([{ status: 429, retryAfter: '0' }, { status: 503, retryAfter: '0' }, { status: 201, body: { uuid: 'c-2' } }]);
    expect(await new GatewayClient('http://gw', 'jwt').createCluster('sim-2', '2.24')).toBe('c-2');
    expect(calls).toHaveLength(3);
  });

  it('gives up after five attempts, and at once on any other error', async () => {
    stubFetch(Array.from({ length: 5 }, () => ({ status: 503, retryAfter: '0' })));
    await expect(new GatewayClient('http://gw', 'jwt').createCluster('sim-3', '2.24')).rejects.toThrow('answered 503');
    const calls = stubFetch([{ status: 409, body: { code: 409 } }]);
    await expect(new GatewayClient('http://gw', 'jwt').createCluster('sim-4', '2.24')).rejects.toThrow('POST /api/v1/clusters answered 409');
    expect(calls).toHaveLength(1);
  });
});
