import { metricBuckets } from '@clusterplane/domain';
import { toMetricsResponse } from './cluster-metrics.presenter';

const buckets = metricBuckets(new Date('2025-03-01T12:00:00.000Z'), new Date('2025-03-01T12:01:00.000Z'), 3);

describe('toMetricsResponse', () => {
  it('answers every requested type in the order asked, empty ones included', () => {
    const response = toMetricsResponse(['TOTAL_GPU', 'GPU_UTILIZATION'], false, buckets, [
      { metricType: 'GPU_UTILIZATION', nodePool: '', bucket: 1, value: 42.5 },
    ]);
    expect(response).toEqual({
      measurements: [
        { type: 'TOTAL_GPU', labels: null, values: [] },
        { type: 'GPU_UTILIZATION', labels: null, values: [{ value: '42.5', timestamp: '2025-03-01T12:00:00.000Z' }] },
      ],
    });
  });

  it('stamps each value with its bucket start, in time order', () => {
    const response = toMetricsResponse(['TOTAL_GPU'], false, buckets, [
      { metricType: 'TOTAL_GPU', nodePool: '', bucket: 3, value: 8 },
      { metricType: 'TOTAL_GPU', nodePool: '', bucket: 1, value: 16 },
    ]);
    expect(response.measurements[0]!.values).toEqual([
      { value: '16', timestamp: '2025-03-01T12:00:00.000Z' },
      { value: '8', timestamp: '2025-03-01T12:00:40.000Z' },
    ]);
  });

  it('gives one labelled measurement per node pool when grouped, by type then pool name', () => {
    const response = toMetricsResponse(['ALLOCATED_GPU', 'TOTAL_GPU'], true, buckets, [
      { metricType: 'TOTAL_GPU', nodePool: 'b', bucket: 1, value: 4 },
      { metricType: 'TOTAL_GPU', nodePool: 'a', bucket: 1, value: 8 },
      { metricType: 'ALLOCATED_GPU', nodePool: 'b', bucket: 2, value: 1 },
    ]);
    expect(response.measurements.map((m) => [m.type, m.labels])).toEqual([
      ['ALLOCATED_GPU', { nodepoolName: 'b' }],
      ['TOTAL_GPU', { nodepoolName: 'a' }],
      ['TOTAL_GPU', { nodepoolName: 'b' }],
    ]);
  });

  it('has no measurements when grouped and there are no samples', () => {
    expect(toMetricsResponse(['TOTAL_GPU'], true, buckets, [])).toEqual({ measurements: [] });
  });
});
