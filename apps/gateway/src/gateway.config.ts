import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_LIVENESS_TIMEOUT_MS } from '@clusterplane/domain';
import { durationMsSchema, loadServiceConfig, type BaseConfig } from '@clusterplane/platform';

export interface GatewayConfig extends BaseConfig {
  jwt: { secret: string; issuer?: string; audience?: string; clockSkewSeconds: number };
  agentSecretKey: string;
  commandTimeoutMs: number;
  publicUrl: string;
  agentChartRepoUrl: string;
  livenessTimeoutMs: number;
  agentAuthCacheMs: number;
  /** HMAC key of Fireworks list page tokens. */
  pageTokenKey: string;
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadServiceConfig({
    service: 'gateway',
    portVariable: 'GATEWAY_PORT',
    defaultPort: 3000,
    env: {
      JWT_SECRET: z.string().min(32, 'must be at least 32 characters (HS256 key)'),
      JWT_ISSUER: z.string().optional(),
      JWT_AUDIENCE: z.string().optional(),
      JWT_CLOCK_SKEW_S: z.coerce.number().int().min(0).max(300).default(5),
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
      jwt: { secret: e.JWT_SECRET, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, clockSkewSeconds: e.JWT_CLOCK_SKEW_S },
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
