import { z } from 'zod';
import { DEFAULT_LIVENESS_TIMEOUT_MS } from '@clusterplane/domain';
import { baseEnvSchema, durationMsSchema, loadConfig, portSchema, toBaseConfig, type BaseConfig } from '@clusterplane/platform';

const envSchema = baseEnvSchema.extend({
  STATUS_HTTP_PORT: portSchema.default(3104),
  LIVENESS_TIMEOUT_MS: durationMsSchema.default(DEFAULT_LIVENESS_TIMEOUT_MS),
  /** Reports wait at most this long to be written together with others. */
  STATUS_FLUSH_MS: durationMsSchema.default(20),
  STATUS_BATCH_MAX: z.coerce.number().int().min(1).max(5_000).default(500),
  LIVENESS_SWEEP_INTERVAL_MS: durationMsSchema.default(10_000),
});

export interface StatusConfig extends BaseConfig {
  livenessTimeoutMs: number;
  flushMs: number;
  batchMax: number;
  sweepIntervalMs: number;
}

export function loadStatusConfig(env: NodeJS.ProcessEnv = process.env): StatusConfig {
  const parsed = loadConfig('status', envSchema, env) as z.output<typeof envSchema>;
  return {
    ...toBaseConfig('status', parsed, parsed.STATUS_HTTP_PORT),
    livenessTimeoutMs: parsed.LIVENESS_TIMEOUT_MS,
    flushMs: parsed.STATUS_FLUSH_MS,
    batchMax: parsed.STATUS_BATCH_MAX,
    sweepIntervalMs: parsed.LIVENESS_SWEEP_INTERVAL_MS,
  };
}
