import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Logger } from 'pino';
import { JwksKeySet } from './jwks-key-set';

const logger = () => ({ warn: jest.fn(), debug: jest.fn() }) as unknown as Logger & { warn: jest.Mock };

describe('JwksKeySet', () => {
  let first: JWK;
  let second: JWK;
  let now: number;
  let published: { keys: JWK[] };
  let down: boolean;
  const fetcher = jest.fn(async () => {
    if (down) throw new Error('ECONNREFUSED');
    return published;
  });
  const keySet = (log = logger()) => new JwksKeySet({ url: 'https://issuer.example/jwks', algorithms: ['RS256', 'ES256'], cacheMaxAgeMs: 600_000, cooldownMs: 30_000, logger: log, fetcher, now: () => now });

  beforeAll(async () => {
    first = { ...(await exportJWK((await generateKeyPair('RS256')).publicKey)), kid: 'k1' };
    second = { ...(await exportJWK((await generateKeyPair('ES256')).publicKey)), kid: 'k2' };
  });
  beforeEach(() => {
    now = 1_000_000;
    published = { keys: [first] };
    down = false;
    fetcher.mockClear();
  });

  it('imports a key once and hands the same key to every token naming it', async () => {
    const keys = keySet();
    const a = await keys.getKey({ alg: 'RS256', kid: 'k1' });
    const b = await keys.getKey({ alg: 'RS256', kid: 'k1' });
    expect(a).toBe(b);
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it('finds a rotated-in key after the cooldown, not before', async () => {
    const keys = keySet();
    await keys.getKey({ alg: 'RS256', kid: 'k1' });
    published = { keys: [first, second] };
    now += 10_000;
    await expect(keys.getKey({ alg: 'ES256', kid: 'k2' })).rejects.toMatchObject({ code: 'unauthenticated' });
    now += 25_000;
    await expect(keys.getKey({ alg: 'ES256', kid: 'k2' })).resolves.toBeDefined();
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it('refuses a key whose type does not fit the algorithm, and a kid-less header when keys are ambiguous', async () => {
    published = { keys: [first, { ...first, kid: 'k1b' }] };
    const keys = keySet();
    await expect(keys.getKey({ alg: 'ES256', kid: 'k1' })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(keys.getKey({ alg: 'RS256' })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(keys.getKey({ alg: 'HS256', kid: 'k1' })).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('keeps serving held keys past their max age while the refresh runs behind, and while the endpoint is down', async () => {
    const log = logger();
    const keys = keySet(log);
    const held = await keys.getKey({ alg: 'RS256', kid: 'k1' });
    down = true;
    now += 700_000;
    await expect(keys.getKey({ alg: 'RS256', kid: 'k1' })).resolves.toBe(held);
    await expect(keys.getKey({ alg: 'RS256', kid: 'k1' })).resolves.toBe(held);
    await new Promise((resolve) => setImmediate(resolve));
    expect(fetcher).toHaveBeenCalledTimes(2);
    expect(log.warn).toHaveBeenCalledTimes(1);
  });

  it('ignores private and symmetric keys a JWKS should never publish', async () => {
    published = { keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'k1' }, { ...first, d: 'private', kid: 'k1' }] };
    await expect(keySet().getKey({ alg: 'RS256', kid: 'k1' })).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
