// Percentiles of a list of durations, the way every scenario reports them.

/** The p-th percentile (nearest rank) of `values`; 0 for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** {count, p50, p90, p99, max} in ms, rounded to 0.1 ms. */
export function summarize(values) {
  const round = (value) => Math.round(value * 10) / 10;
  return {
    count: values.length,
    p50: round(percentile(values, 50)),
    p90: round(percentile(values, 90)),
    p99: round(percentile(values, 99)),
    max: round(values.reduce((max, value) => Math.max(max, value), 0)),
  };
}
