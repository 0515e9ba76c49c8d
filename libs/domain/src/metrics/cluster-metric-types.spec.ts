import { ADDITIVE_CLUSTER_METRIC_TYPES, metricBuckets, RUNAI_CLUSTER_METRIC_TYPES } from './cluster-metric-types';

describe('cluster metric types', () => {
  it('lists only known types as additive', () => {
    expect(ADDITIVE_CLUSTER_METRIC_TYPES.every((t) => RUNAI_CLUSTER_METRIC_TYPES.includes(t))).toBe(true);
  });

  it('treats utilisation as a level, not a count', () => {
    expect(ADDITIVE_CLUSTER_METRIC_TYPES).not.toContain('GPU_UTILIZATION');
    expect(ADDITIVE_CLUSTER_METRIC_TYPES).toContain('TOTAL_GPU');
  });
});

describe('metricBuckets', () => {
  const start = new Date('2025-03-01T12:00:00.000Z');

  it('splits the range into equal buckets labelled by their start', () => {
    expect(metricBuckets(start, new Date('2025-03-01T12:01:00.000Z'), 3)).toEqual([
      { index: 1, start: new Date('2025-03-01T12:00:00.000Z') },
      { index: 2, start: new Date('2025-03-01T12:00:20.000Z') },
      { index: 3, start: new Date('2025-03-01T12:00:40.000Z') },
    ]);
  });

  it('rounds uneven steps to the millisecond', () => {
    expect(metricBuckets(start, new Date('2025-03-01T12:00:00.010Z'), 3).map((b) => b.start.toISOString())).toEqual([
      '2025-03-01T12:00:00.000Z',
      '2025-03-01T12:00:00.003Z',
      '2025-03-01T12:00:00.007Z',
    ]);
  });

  it('returns no buckets for a count of 0', () => {
    expect(metricBuckets(start, new Date('2025-03-01T13:00:00.000Z'), 0)).toEqual([]);
  });
});
