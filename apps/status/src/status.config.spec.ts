import { loadStatusConfig } from './status.config';

describe('loadStatusConfig', () => {
  it('defaults to a 60 s liveness timeout and 7 days of metric samples', () => {
    expect(loadStatusConfig({})).toMatchObject({
      livenessTimeoutMs: 60_000,
      sweepIntervalMs: 10_000,
      metricsRetentionMs: 7 * 24 * 3600_000,
      metricsPruneIntervalMs: 3600_000,
      flushMs: 20,
      batchMax: 500,
      writeConcurrency: 2,
    });
  });

  it('reads every status variable', () => {
    const config = loadStatusConfig({
      LIVENESS_TIMEOUT_MS: '1500',
      LIVENESS_SWEEP_INTERVAL_MS: '300',
      METRICS_RETENTION_MS: '86400000',
      METRICS_PRUNE_INTERVAL_MS: '60000',
      STATUS_FLUSH_MS: '5',
      STATUS_BATCH_MAX: '1000',
      STATUS_WRITE_CONCURRENCY: '4',
    });
    expect(config).toMatchObject({ livenessTimeoutMs: 1500, sweepIntervalMs: 300, metricsRetentionMs: 86_400_000, metricsPruneIntervalMs: 60_000, flushMs: 5, batchMax: 1000, writeConcurrency: 4 });
  });

  it.each([['STATUS_BATCH_MAX', '0'], ['STATUS_WRITE_CONCURRENCY', '0'], ['METRICS_RETENTION_MS', 'a week']])('rejects %s=%s', (name, value) => {
    expect(() => loadStatusConfig({ [name]: value })).toThrow(name);
  });
});
