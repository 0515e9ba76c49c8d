import { ConfigError } from '@clusterplane/platform';
import { loadGatewayConfig } from './gateway.config';

const BASE = { AGENT_SECRET_KEY: 'unit-test-agent-key-that-is-long-enough-0123' };
const SECRET = 'unit-test-jwt-secret-that-is-long-enough-0123';

describe('loadGatewayConfig: JWT and rate limit', () => {
  it('defaults to HS256 with JWT_SECRET, a 5 s skew and 20 mutations/s with a burst of 100', () => {
    const config = loadGatewayConfig({ ...BASE, JWT_SECRET: SECRET });
    expect(config.jwt).toEqual({ secret: SECRET, jwksUrl: undefined, algorithms: ['HS256'], issuer: undefined, audience: undefined, clockSkewSeconds: 5, jwksCacheMaxAgeMs: 600_000, jwksCooldownMs: 30_000 });
    expect(config.rateLimit).toEqual({ mutationsPerSecond: 20, burst: 100 });
  });

  it('uses RS256 and ES256 with a JWKS URL, where JWT_SECRET is optional and ignored', () => {
    const config = loadGatewayConfig({ ...BASE, JWT_JWKS_URL: 'https://issuer.example/.well-known/jwks.json', JWT_SECRET: SECRET, JWKS_COOLDOWN_MS: '1000' });
    expect(config.jwt).toMatchObject({ secret: undefined, jwksUrl: 'https://issuer.example/.well-known/jwks.json', algorithms: ['RS256', 'ES256'], jwksCooldownMs: 1000 });
  });

  it.each([
    [{ JWT_JWKS_URL: 'https://issuer.example/jwks', JWT_ALGORITHMS: 'RS256,HS256' }, 'HS* algorithms are refused'],
    [{}, 'JWT_SECRET: required unless JWT_JWKS_URL is set'],
    [{ JWT_SECRET: SECRET, JWT_ALGORITHMS: 'RS256' }, 'only HS* algorithms verify with JWT_SECRET'],
    [{ JWT_JWKS_URL: 'http://issuer.example/jwks' }, 'must be https://'],
    [{ JWT_SECRET: SECRET, JWT_ALGORITHMS: 'none' }, 'JWT_ALGORITHMS'],
    [{ JWT_SECRET: SECRET, RATE_LIMIT_MUTATIONS_PER_S: '-1' }, 'RATE_LIMIT_MUTATIONS_PER_S'],
  ])('refuses %j', (env, message) => {
    expect(() => loadGatewayConfig({ ...BASE, ...env })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ ...BASE, ...env })).toThrow(message);
  });

  it('accepts http:// for a JWKS on loopback, and 0 to turn the rate limit off', () => {
    const config = loadGatewayConfig({ ...BASE, JWT_JWKS_URL: 'http://127.0.0.1:8080/jwks', RATE_LIMIT_MUTATIONS_PER_S: '0' });
    expect(config.jwt.jwksUrl).toBe('http://127.0.0.1:8080/jwks');
    expect(config.rateLimit.mutationsPerSecond).toBe(0);
  });
});
