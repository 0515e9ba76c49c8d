import { z } from 'zod';
import { DEFAULT_LIVENESS_TIMEOUT_MS } from '@clusterplane/domain';
import { baseEnvSchema, durationMsSchema, loadConfig, portSchema, toBaseConfig, type BaseConfig } from '@clusterplane/platform';

const envSchema = baseEnvSchema.extend({
  GATEWAY_PORT: portSchema.default(3000),
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
});

export interface GatewayConfig extends BaseConfig {
  jwt: { secret: string; issuer?: string; audience?: string; clockSkewSeconds: number };
  agentSecretKey: string;
  commandTimeoutMs: number;
  publicUrl: string;
  agentChartRepoUrl: string;
  livenessTimeoutMs: number;
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = loadConfig('gateway', envSchema, env) as z.output<typeof envSchema>;
  const base = toBaseConfig('gateway', parsed, parsed.GATEWAY_PORT);
  return {
    ...base,
    jwt: { secret: parsed.JWT_SECRET, issuer: parsed.JWT_ISSUER, audience: parsed.JWT_AUDIENCE, clockSkewSeconds: parsed.JWT_CLOCK_SKEW_S },
    agentSecretKey: parsed.AGENT_SECRET_KEY,
    commandTimeoutMs: parsed.COMMAND_TIMEOUT_MS,
    publicUrl: parsed.PUBLIC_URL ?? `http://${base.httpHost}:${base.httpPort}`,
    agentChartRepoUrl: parsed.AGENT_CHART_REPO_URL,
    livenessTimeoutMs: parsed.LIVENESS_TIMEOUT_MS,
  };
}
