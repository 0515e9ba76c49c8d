import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import type { Logger } from 'pino';
import { loadGatewayConfig } from '../gateway.config';
import { JwtVerifier } from './jwt-verifier.service';
import type { JwksFetcher } from './jwks-key-set';

const SECRET = 'unit-test-jwt-secret-that-is-long-enough-0123';
const BASE_ENV = { AGENT_SECRET_KEY: 'unit-test-agent-key-that-is-long-enough-0123' };
const CLAIMS = { tenant_id: 7, tenant: 'acme', roles: ['editor'] };
const nowS = () => Math.floor(Date.now() / 1000);

const quietLogger = () => ({ warn: jest.fn(), debug: jest.fn(), info: jest.fn(), error: jest.fn() }) as unknown as Logger & { warn: jest.Mock };

function token(claims: JWTPayload = CLAIMS, header: Record<string, unknown> = { alg: 'HS256' }) {
  return new SignJWT(claims).setProtectedHeader(header as never).setSubject('user@acme');
}
const hs256 = (claims: JWTPayload = CLAIMS, secret = SECRET) => token(claims).setExpirationTime('1h').sign(new TextEncoder().encode(secret));

function secretVerifier(env: Record<string, string> = {}) {
  return new JwtVerifier(loadGatewayConfig({ ...BASE_ENV, JWT_SECRET: SECRET, ...env }), quietLogger());
}

/** Serves `document` as the JWKS on loopback and counts requests. */
async function jwksServer(document: () => unknown): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server: Server = createServer((_req, res) => {
    requests++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(document()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/.well-known/jwks.json`, requests: () => requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('JwtVerifier in secret mode (HS256)', () => {
  it('returns the actor of a valid token', async () => {
    await expect(secretVerifier().verify(await hs256())).resolves.toEqual({ tenantId: 7, tenantSlug: 'acme', subject: 'user@acme', roles: ['editor'] });
  });

  it.each([
    ['a token signed with another secret', () => hs256(CLAIMS, 'another-secret-that-is-long-enough-0123456789')],
    ['an unsigned token (alg none)', async () => `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...CLAIMS, sub: 'x', exp: nowS() + 60 })).toString('base64url')}.`],
    ['an HS512 token (algorithm not pinned)', () => token(CLAIMS, { alg: 'HS512' }).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET))],
    ['garbage', async () => 'not.a.token'],
    ['an over-long token', async () => `${'a'.repeat(9000)}.b.c`],
  ])('refuses %s with 401', async (_name, make) => {
    await expect(secretVerifier().verify(await make())).rejects.toMatchObject({ code: 'unauthenticated', httpStatus: 401 });
  });

  it('refuses a token without the required claims', async () => {
    await expect(secretVerifier().verify(await hs256({ tenant_id: 7, roles: ['admin'] }))).rejects.toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('claims') });
  });

  it('refuses a token without exp, which would never expire', async () => {
    await expect(secretVerifier().verify(await token().sign(new TextEncoder().encode(SECRET)))).rejects.toMatchObject({ code: 'unauthenticated', message: 'token has no expiry (exp)' });
  });

  it('accepts exp and nbf within the clock skew and refuses them beyond it', async () => {
    const verifier = secretVerifier({ JWT_CLOCK_SKEW_S: '5' });
    const key = new TextEncoder().encode(SECRET);
    await expect(verifier.verify(await token().setExpirationTime(nowS() - 2).sign(key))).resolves.toMatchObject({ tenantId: 7 });
    await expect(verifier.verify(await token().setExpirationTime(nowS() - 30).sign(key))).rejects.toMatchObject({ message: 'token expired' });
    await expect(verifier.verify(await token().setNotBefore(nowS() + 2).setExpirationTime('1h').sign(key))).resolves.toMatchObject({ tenantId: 7 });
    await expect(verifier.verify(await token().setNotBefore(nowS() + 30).setExpirationTime('1h').sign(key))).rejects.toMatchObject({ message: 'token is not valid yet' });
  });

  it('checks issuer and audience when configured', async () => {
    const verifier = secretVerifier({ JWT_ISSUER: 'https://issuer.example', JWT_AUDIENCE: 'clusterplane' });
    const key = new TextEncoder().encode(SECRET);
    const good = await token().setIssuer('https://issuer.example').setAudience('clusterplane').setExpirationTime('1h').sign(key);
    await expect(verifier.verify(good)).resolves.toMatchObject({ tenantId: 7 });
    for (const bad of [
      await token().setIssuer('https://evil.example').setAudience('clusterplane').setExpirationTime('1h').sign(key),
      await token().setIssuer('https://issuer.example').setAudience('another-api').setExpirationTime('1h').sign(key),
      await token().setExpirationTime('1h').sign(key),
    ]) {
      await expect(verifier.verify(bad)).rejects.toMatchObject({ code: 'unauthenticated', message: 'invalid token' });
    }
  });

  it('answers a repeated token from the verified-token cache, but never past its exp', async () => {
    const verifier = secretVerifier({ JWT_CLOCK_SKEW_S: '0' });
    const shortLived = await token().setExpirationTime(nowS() + 1).sign(new TextEncoder().encode(SECRET));
    await expect(verifier.verify(shortLived)).resolves.toMatchObject({ tenantId: 7 });
    await expect(verifier.verify(shortLived)).resolves.toMatchObject({ tenantId: 7 });
    jest.useFakeTimers({ now: Date.now() + 2_500, doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'setInterval'] });
    try {
      await expect(verifier.verify(shortLived)).rejects.toMatchObject({ message: 'token expired' });
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('JwtVerifier in JWKS mode', () => {
  let rsa: { publicKey: KeyLike; privateKey: KeyLike };
  let ec: { publicKey: KeyLike; privateKey: KeyLike };
  let jwks: { keys: unknown[] };

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256');
    ec = await generateKeyPair('ES256');
    jwks = { keys: [{ ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', use: 'sig' }, { ...(await exportJWK(ec.publicKey)), kid: 'ec-1' }] };
  });

  const jwksVerifier = (url: string, env: Record<string, string> = {}, fetcher?: JwksFetcher, logger = quietLogger()) =>
    new JwtVerifier(loadGatewayConfig({ ...BASE_ENV, JWT_JWKS_URL: url, JWT_ISSUER: 'https://issuer.example', JWT_AUDIENCE: 'clusterplane', ...env }), logger, fetcher);
  const signed = (alg: string, kid: string, key: KeyLike | Uint8Array, claims: JWTPayload = CLAIMS) =>
    token(claims, { alg, kid }).setIssuer('https://issuer.example').setAudience('clusterplane').setExpirationTime('1h').sign(key);

  it('verifies RS256 and ES256 tokens against keys served by a JWKS endpoint, fetching it once', async () => {
    const server = await jwksServer(() => jwks);
    try {
      const verifier = jwksVerifier(server.url);
      await expect(verifier.verify(await signed('RS256', 'rsa-1', rsa.privateKey))).resolves.toMatchObject({ tenantId: 7 });
      await expect(verifier.verify(await signed('ES256', 'ec-1', ec.privateKey))).resolves.toMatchObject({ tenantId: 7 });
      await expect(verifier.verify(await signed('RS256', 'rsa-1', rsa.privateKey, { ...CLAIMS, tenant_id: 8 }))).resolves.toMatchObject({ tenantId: 8 });
      expect(server.requests()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('refuses a token signed by a key that is not published, even under a published kid', async () => {
    const stranger = await generateKeyPair('RS256');
    const verifier = jwksVerifier('https://issuer.example/jwks', {}, async () => jwks);
    await expect(verifier.verify(await signed('RS256', 'rsa-1', stranger.privateKey))).rejects.toMatchObject({ code: 'unauthenticated', message: 'invalid token' });
  });

  it('refuses HS256 tokens keyed with the public key (PEM or JWK JSON) and alg none', async () => {
    const verifier = jwksVerifier('https://issuer.example/jwks', {}, async () => jwks);
    const pem = await exportSPKI(rsa.publicKey);
    const jwkJson = JSON.stringify(jwks.keys[0]);
    for (const secret of [pem, jwkJson]) {
      const forged = await signed('HS256', 'rsa-1', new TextEncoder().encode(secret));
      await expect(verifier.verify(forged)).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: 'rsa-1' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...CLAIMS, sub: 'x', iss: 'https://issuer.example', aud: 'clusterplane', exp: nowS() + 60 })).toString('base64url')}.`;
    await expect(verifier.verify(none)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses an algorithm outside JWT_ALGORITHMS', async () => {
    const verifier = jwksVerifier('https://issuer.example/jwks', { JWT_ALGORITHMS: 'RS256' }, async () => jwks);
    await expect(verifier.verify(await signed('ES256', 'ec-1', ec.privateKey))).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(verifier.verify(await signed('RS256', 'rsa-1', rsa.privateKey))).resolves.toMatchObject({ tenantId: 7 });
  });

  it('fetches the JWKS once for a flood of 1 000 unknown kids, concurrent or one after another', async () => {
    const fetcher = jest.fn(async () => jwks);
    const verifier = jwksVerifier('https://issuer.example/jwks', {}, fetcher);
    const unknownKid = () => signed('RS256', `kid-${Math.random().toString(36).slice(2)}`, rsa.privateKey);
    const flood = await Promise.all(Array.from({ length: 500 }, unknownKid));
    const results = await Promise.allSettled(flood.map((t) => verifier.verify(t)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    for (let i = 0; i < 500; i++) await expect(verifier.verify(await unknownKid())).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(fetcher).toHaveBeenCalledTimes(1);
    await expect(verifier.verify(await signed('RS256', 'rsa-1', rsa.privateKey))).resolves.toMatchObject({ tenantId: 7 });
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it('answers 401 (never a 5xx) while the JWKS endpoint is down, warning once per cooldown', async () => {
    const logger = quietLogger();
    const fetcher = jest.fn(async () => {
      throw new Error('connect ECONNREFUSED');
    });
    const verifier = jwksVerifier('https://issuer.example/jwks', {}, fetcher, logger);
    const valid = await signed('RS256', 'rsa-1', rsa.privateKey);
    for (let i = 0; i < 50; i++) {
      await expect(verifier.verify(valid)).rejects.toMatchObject({ code: 'unauthenticated', httpStatus: 401, message: expect.stringContaining('unavailable') });
    }
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
