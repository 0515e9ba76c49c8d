import { RUNAI_CLUSTER_METRIC_TYPES } from '@clusterplane/domain';
import { createNodePools, nextGpuMetrics, seededRandom, type MetricSample } from './gpu-metrics';

const byType = (samples: MetricSample[], pool: string): Record<string, number> =>
  Object.fromEntries(samples.filter((s) => s.nodePool === pool).map((s) => [s.type, s.value]));

describe('GPU metrics per node pool', () => {
  it('gives a cluster the same pools on every run and different clusters different ones', () => {
    const a = createNodePools(3, seededRandom('cluster-a'));
    expect(createNodePools(3, seededRandom('cluster-a'))).toEqual(a);
    expect(a.map((p) => p.name)).toEqual(['h100-pool', 'a100-pool', 'l40s-pool']);
    const others = ['b', 'c', 'd', 'e'].map((id) => JSON.stringify(createNodePools(3, seededRandom(`cluster-${id}`))));
    expect(new Set([JSON.stringify(a), ...others]).size).toBeGreaterThan(1);
  });

  it('creates no more pools than asked, and none for 0', () => {
    expect(createNodePools(0, seededRandom('x'))).toEqual([]);
    expect(createNodePools(99, seededRandom('x')).length).toBe(4);
  });

  it('reports every Run:ai type per pool, consistent with each other over many reports', () => {
    const random = seededRandom('cluster-z');
    const pools = createNodePools(2, random);
    for (let report = 0; report < 500; report++) {
      const samples = nextGpuMetrics(pools, random);
      expect(samples).toHaveLength(20);
      for (const s of samples) expect(RUNAI_CLUSTER_METRIC_TYPES).toContain(s.type);
      for (const pool of pools) {
        const m = byType(samples, pool.name);
        expect(m['TOTAL_GPU']).toBe(pool.nodes * pool.gpusPerNode);
        expect(m['TOTAL_GPU_NODES']).toBe(pool.nodes);
        expect(m['ALLOCATED_GPU']! + m['UNALLOCATED_GPU']!).toBe(m['TOTAL_GPU']);
        expect(m['ALLOCATED_GPU']).toBeGreaterThanOrEqual(Math.ceil(m['TOTAL_GPU']! * 0.1));
        expect(Number.isInteger(m['ALLOCATED_GPU'])).toBe(true);
        for (const percent of ['GPU_UTILIZATION', 'GPU_MEMORY_UTILIZATION', 'CPU_UTILIZATION', 'CPU_MEMORY_UTILIZATION']) {
          expect(m[percent]).toBeGreaterThanOrEqual(0);
          expect(m[percent]).toBeLessThanOrEqual(100);
        }
        // Busy GPUs only where GPUs are allocated.
        expect(m['GPU_UTILIZATION']).toBeLessThanOrEqual((100 * m['ALLOCATED_GPU']!) / m['TOTAL_GPU']! + 0.01);
        expect(m['WORKLOADS_COUNT']).toBe(Math.ceil(m['ALLOCATED_GPU']! / 2));
      }
    }
  });

  it('moves the allocation gradually, not at random', () => {
    const random = seededRandom('cluster-walk');
    const [pool] = createNodePools(1, random);
    const total = pool!.nodes * pool!.gpusPerNode;
    let previous = pool!.allocated;
    for (let i = 0; i < 200; i++) {
      nextGpuMetrics([pool!], random);
      expect(Math.abs(pool!.allocated - previous)).toBeLessThanOrEqual(Math.max(1, Math.ceil(total * 0.05)));
      previous = pool!.allocated;
    }
  });
});
