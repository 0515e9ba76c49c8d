/** Run:ai's cluster metric types (the `metricType` query parameter of `…/metrics`). */
export const RUNAI_CLUSTER_METRIC_TYPES = [
  'TOTAL_GPU_NODES',
  'GPU_UTILIZATION',
  'GPU_UTILIZATION_DISTRIBUTION',
  'GPU_MEMORY_UTILIZATION',
  'CPU_UTILIZATION',
  'CPU_MEMORY_UTILIZATION',
  'TOTAL_GPU',
  'GPU_QUOTA',
  'ALLOCATED_GPU',
  'UNALLOCATED_GPU',
  'AVG_WORKLOAD_WAIT_TIME',
  'WORKLOADS_COUNT',
] as const;
export type RunaiClusterMetricType = (typeof RUNAI_CLUSTER_METRIC_TYPES)[number];

/**
 * Counts that add up across node pools: the cluster's TOTAL_GPU is the sum of its pools'.
 * Every other type (utilisation, wait time) is a level, averaged across pools instead.
 */
export const ADDITIVE_CLUSTER_METRIC_TYPES: readonly RunaiClusterMetricType[] = [
  'TOTAL_GPU_NODES',
  'TOTAL_GPU',
  'GPU_QUOTA',
  'ALLOCATED_GPU',
  'UNALLOCATED_GPU',
  'WORKLOADS_COUNT',
];

export interface MetricBucket {
  /** 1-based bucket number, as Postgres' `width_bucket` counts. */
  index: number;
  start: Date;
}

/**
 * Splits [start, end] into `count` equal buckets; a sample at exactly `end` belongs to the last
 * one. Each bucket is labelled with its start time (rounded to the millisecond).
 */
export function metricBuckets(start: Date, end: Date, count: number): MetricBucket[] {
  const span = end.getTime() - start.getTime();
  return Array.from({ length: count }, (_, i) => ({ index: i + 1, start: new Date(start.getTime() + Math.round((span * i) / count)) }));
}
