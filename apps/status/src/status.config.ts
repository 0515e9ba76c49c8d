import { z } from 'zod';
import { DEFAULT_LIVENESS_TIMEOUT_MS } from '@clusterplane/domain';
import { durationMsSchema, loadServiceConfig, type BaseConfig } from '@clusterplane/platform';

const DAY_MS = 24 * 3600_000;

export interface StatusConfig extends BaseConfig {
  livenessTimeoutMs: number;
  flushMs: number;
  batchMax: number;
  writeConcurrency: number;
  sweepIntervalMs: number;
  metricsRetentionMs: number;
  metricsPruneIntervalMs: number;
  simulatedAgentIntervalMs: number;
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
      /** Batches written at the same time, each on its own connection (DB_POOL_SIZE must allow it). */
      STATUS_WRITE_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
      LIVENESS_SWEEP_INTERVAL_MS: durationMsSchema.default(10_000),
      /** Metric samples older than this are deleted by the `status.prune-metrics` job. */
      METRICS_RETENTION_MS: durationMsSchema.default(7 * DAY_MS),
      METRICS_PRUNE_INTERVAL_MS: durationMsSchema.default(3600_000),
      /** How often the agents the simulated provider installed report. */
      SIM_AGENT_INTERVAL_MS: durationMsSchema.default(10_000),
    },
    map: (e) => ({
      livenessTimeoutMs: e.LIVENESS_TIMEOUT_MS,
      flushMs: e.STATUS_FLUSH_MS,
      batchMax: e.STATUS_BATCH_MAX,
      writeConcurrency: e.STATUS_WRITE_CONCURRENCY,
      sweepIntervalMs: e.LIVENESS_SWEEP_INTERVAL_MS,
      metricsRetentionMs: e.METRICS_RETENTION_MS,
      metricsPruneIntervalMs: e.METRICS_PRUNE_INTERVAL_MS,
      simulatedAgentIntervalMs: e.SIM_AGENT_INTERVAL_MS,
    }),
  }, env);
}
