import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_LIVENESS_TIMEOUT_MS } from '@clusterplane/domain';
import { ConfigError, durationMsSchema, loadServiceConfig, unsetIfEmpty, type BaseConfig } from '@clusterplane/platform';
import { DEFAULT_JWKS_ALGORITHMS, DEFAULT_SECRET_ALGORITHMS, isHmacAlgorithm, JWT_ALGORITHMS, type JwtAlgorithm } from './auth/jwt-algorithms';

export interface JwtConfig {
  /** HS* key (development); unset when tokens are verified against a JWKS. */
  secret?: string;
  /** Where the issuer publishes its public keys (production). */
  jwksUrl?: string;
  /** The only algorithms a token may use. */
  algorithms: JwtAlgorithm[];
  issuer?: string;
  audience?: string;
  clockSkewSeconds: number;
  /** How long fetched keys are used before they are fetched again. */
  jwksCacheMaxAgeMs: number;
  /** At most one JWKS fetch per this period, however many unknown key ids arrive. */
  jwksCooldownMs: number;
}

export interface RateLimitConfig {
  /** Mutations per second a tenant's bucket refills with; 0 turns the limit off. */
  mutationsPerSecond: number;
  /** How many mutations a tenant may send at once before the refill rate applies. */
  burst: number;
}

export interface GatewayConfig extends BaseConfig {
  jwt: JwtConfig;
  rateLimit: RateLimitConfig;
  agentSecretKey: string;
  commandTimeoutMs: number;
  publicUrl: string;
  agentChartRepoUrl: string;
  livenessTimeoutMs: number;
  agentAuthCacheMs: number;
  /** HMAC key of Fireworks list page tokens. */
  pageTokenKey: string;
}

const commaList = (value: string): string[] => value.split(',').map((part) => part.trim()).filter(Boolean);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const isSafeJwksUrl = (value: string): boolean => {
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
};

interface JwtEnv {
  JWT_SECRET?: string;
  JWT_JWKS_URL?: string;
  JWT_ALGORITHMS?: JwtAlgorithm[];
  JWT_ISSUER?: string;
  JWT_AUDIENCE?: string;
  JWT_CLOCK_SKEW_S: number;
  JWKS_CACHE_MAX_AGE_MS: number;
  JWKS_COOLDOWN_MS: number;
}

/**
 * Secret mode (HS*) or JWKS mode (public keys), never both kinds of algorithm: with a JWKS,
 * an HS256 token "signed" with the published public key as its secret must not pass.
 */
function jwtConfig(e: JwtEnv): JwtConfig {
  const jwksMode = e.JWT_JWKS_URL !== undefined;
  const algorithms = e.JWT_ALGORITHMS ?? (jwksMode ? DEFAULT_JWKS_ALGORITHMS : DEFAULT_SECRET_ALGORITHMS);
  const issues: string[] = [];
  if (jwksMode && algorithms.some(isHmacAlgorithm)) issues.push('JWT_ALGORITHMS: HS* algorithms are refused with JWT_JWKS_URL (public keys only)');
  if (!jwksMode && !e.JWT_SECRET) issues.push('JWT_SECRET: required unless JWT_JWKS_URL is set');
  if (!jwksMode && !algorithms.every(isHmacAlgorithm)) issues.push('JWT_ALGORITHMS: only HS* algorithms verify with JWT_SECRET; set JWT_JWKS_URL for public-key algorithms');
  if (issues.length > 0) throw new ConfigError('gateway', issues);
  return {
    secret: jwksMode ? undefined : e.JWT_SECRET,
    jwksUrl: e.JWT_JWKS_URL,
    algorithms,
    issuer: e.JWT_ISSUER,
    audience: e.JWT_AUDIENCE,
    clockSkewSeconds: e.JWT_CLOCK_SKEW_S,
    jwksCacheMaxAgeMs: e.JWKS_CACHE_MAX_AGE_MS,
    jwksCooldownMs: e.JWKS_COOLDOWN_MS,
  };
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadServiceConfig({
    service: 'gateway',
    portVariable: 'GATEWAY_PORT',
    defaultPort: 3000,
    env: {
      /** Required unless JWT_JWKS_URL is set. */
      JWT_SECRET: z.string().min(32, 'must be at least 32 characters (HS256 key)').optional(),
      JWT_JWKS_URL: z.preprocess(unsetIfEmpty, z.string().url().refine(isSafeJwksUrl, 'must be https:// (http:// only on loopback)').optional()),
      JWT_ALGORITHMS: z.preprocess(unsetIfEmpty, z.string().transform(commaList).pipe(z.array(z.enum(JWT_ALGORITHMS)).min(1)).optional()),
      JWT_ISSUER: z.string().optional(),
      JWT_AUDIENCE: z.string().optional(),
      JWT_CLOCK_SKEW_S: z.coerce.number().int().min(0).max(300).default(5),
      JWKS_CACHE_MAX_AGE_MS: durationMsSchema.default(600_000),
      JWKS_COOLDOWN_MS: durationMsSchema.default(30_000),
      /** Per-tenant token bucket over POST/PUT/PATCH/DELETE; 0 disables it. */
      RATE_LIMIT_MUTATIONS_PER_S: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(1_000_000).default(20)),
      RATE_LIMIT_BURST: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(1_000_000).default(100)),
      /** Server key the agents' client secrets are derived from. */
      AGENT_SECRET_KEY: z.string().min(32, 'must be at least 32 characters'),
      COMMAND_TIMEOUT_MS: durationMsSchema.default(5_000),
      /** How agents and users reach this gateway; goes into install commands. */
      PUBLIC_URL: z.string().url().optional(),
      AGENT_CHART_REPO_URL: z.string().url().default('https://charts.clusterplane.dev/agent'),
      LIVENESS_TIMEOUT_MS: durationMsSchema.default(DEFAULT_LIVENESS_TIMEOUT_MS),
      /** How long a verified agent secret is remembered (0: read Postgres on every report). */
      AGENT_AUTH_CACHE_MS: durationMsSchema.default(60_000),
      /** Signs Fireworks page tokens; unset, a key derived from AGENT_SECRET_KEY is used. */
      PAGE_TOKEN_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    },
    map: (e) => ({
      jwt: jwtConfig(e),
      rateLimit: { mutationsPerSecond: e.RATE_LIMIT_MUTATIONS_PER_S, burst: e.RATE_LIMIT_BURST },
      agentSecretKey: e.AGENT_SECRET_KEY,
      commandTimeoutMs: e.COMMAND_TIMEOUT_MS,
      publicUrl: e.PUBLIC_URL ?? '',
      agentChartRepoUrl: e.AGENT_CHART_REPO_URL,
      livenessTimeoutMs: e.LIVENESS_TIMEOUT_MS,
      agentAuthCacheMs: e.AGENT_AUTH_CACHE_MS,
      pageTokenKey: e.PAGE_TOKEN_KEY ?? createHmac('sha256', e.AGENT_SECRET_KEY).update('clusterplane/page-token').digest('base64url'),
    }),
  }, env);
  return { ...config, publicUrl: config.publicUrl || `http://${config.httpHost}:${config.httpPort}` };
}
