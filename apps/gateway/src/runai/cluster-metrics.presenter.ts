import type { MetricBucket } from '@clusterplane/domain';
import type { MetricBucketValue } from '@clusterplane/persistence';

export interface Measurement {
  type: string;
  labels: Record<string, string> | null;
  values: { value: string; timestamp: string }[];
}

/** The label a per-node-pool series carries, named like the `nodepoolName` filter. */
export const NODE_POOL_LABEL = 'nodepoolName';

/**
 * Run:ai's GroupedMetricsResponse: one measurement per requested type in the order asked (per
 * node pool, by name, when grouped), each bucket stamped with its start. Values are decimal
 * strings, as Run:ai sends them; a bucket without samples is left out rather than invented.
 * Ungrouped, every requested type is answered, even with no values.
 */
export function toMetricsResponse(types: readonly string[], perNodePool: boolean, buckets: readonly MetricBucket[], rows: readonly MetricBucketValue[]): { measurements: Measurement[] } {
  const startOf = new Map(buckets.map((b) => [b.index, b.start.toISOString()]));
  const series = new Map<string, Measurement>();
  if (!perNodePool) for (const type of types) series.set(`${type}\u0000`, { type, labels: null, values: [] });
  for (const row of rows) {
    const key = `${row.metricType}\u0000${row.nodePool}`;
    let measurement = series.get(key);
    if (!measurement) {
      measurement = { type: row.metricType, labels: { [NODE_POOL_LABEL]: row.nodePool }, values: [] };
      series.set(key, measurement);
    }
    measurement.values.push({ value: String(row.value), timestamp: startOf.get(row.bucket)! });
  }
  const order = (m: Measurement) => types.indexOf(m.type);
  const measurements = [...series.values()].sort((a, b) => order(a) - order(b) || (a.labels?.[NODE_POOL_LABEL] ?? '').localeCompare(b.labels?.[NODE_POOL_LABEL] ?? ''));
  for (const m of measurements) m.values.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  return { measurements };
}
