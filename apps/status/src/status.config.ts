import { z } from 'zod';
import { DEFAULT_LIVENESS_TIMEOUT_MS } from '@clusterplane/domain';
import { durationMsSchema, loadServiceConfig, type BaseConfig } from '@clusterplane/platform';

export interface StatusConfig extends BaseConfig {
  livenessTimeoutMs: number;
  flushMs: number;
  batchMax: number;
  sweepIntervalMs: number;
}

export function loadStatusConfig(env: NodeJS.ProcessEnv = process.env): StatusConfig {
  return loadServiceConfig({
    service: 'status',
    portVariable: 'STATUS_HTTP_PORT',
    defaultPort: 3104,
    env: {
      LIVENESS_TIMEOUT_MS: durationMsSchema.default(DEFAULT_LIVENESS_TIMEOUT_MS),
      /** Reports wait at most this long to be written together with others. */
      STATUS_FLUSH_MS: durationMsSchema.default(20),
      STATUS_BATCH_MAX: z.coerce.number().int().min(1).max(5_000).default(500),
      LIVENESS_SWEEP_INTERVAL_MS: durationMsSchema.default(10_000),
    },
    map: (e) => ({ livenessTimeoutMs: e.LIVENESS_TIMEOUT_MS, flushMs: e.STATUS_FLUSH_MS, batchMax: e.STATUS_BATCH_MAX, sweepIntervalMs: e.LIVENESS_SWEEP_INTERVAL_MS }),
  }, env);
}
