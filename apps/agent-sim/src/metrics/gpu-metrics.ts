import type { RunaiClusterMetricType } from '@clusterplane/domain';

/** A node pool of one simulated cluster: its shape is fixed, its load wanders. */
export interface SimNodePool {
  name: string;
  nodes: number;
  gpusPerNode: number;
  /** GPUs handed to workloads right now. */
  allocated: number;
}

export interface MetricSample {
  type: RunaiClusterMetricType;
  nodePool: string;
  value: number;
}

const POOL_SHAPES = [
  { name: 'h100-pool', gpusPerNode: 8, minNodes: 2, maxNodes: 16 },
  { name: 'a100-pool', gpusPerNode: 8, minNodes: 1, maxNodes: 8 },
  { name: 'l40s-pool', gpusPerNode: 4, minNodes: 1, maxNodes: 12 },
  { name: 't4-pool', gpusPerNode: 1, minNodes: 2, maxNodes: 32 },
];

/** A small seeded generator (mulberry32), so a cluster's fleet looks the same on every run. */
export function seededRandom(seed: string): () => number {
  let state = [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createNodePools(count: number, random: () => number): SimNodePool[] {
  return POOL_SHAPES.slice(0, Math.min(count, POOL_SHAPES.length)).map((shape) => {
    const nodes = shape.minNodes + Math.floor(random() * (shape.maxNodes - shape.minNodes + 1));
    const total = nodes * shape.gpusPerNode;
    return { name: shape.name, nodes, gpusPerNode: shape.gpusPerNode, allocated: Math.round(total * (0.4 + 0.4 * random())) };
  });
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));
const round2 = (value: number): number => Math.round(value * 100) / 100;

/**
 * Moves each pool's allocation a little (a random walk between 10 % and 100 %) and returns the
 * Run:ai metric types for it. Utilisation follows allocation, as it does on a real cluster:
 * idle GPUs are not busy, allocated ones mostly are.
 */
export function nextGpuMetrics(pools: SimNodePool[], random: () => number): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const pool of pools) {
    const total = pool.nodes * pool.gpusPerNode;
    const step = Math.round((random() - 0.5) * Math.max(2, total * 0.1));
    pool.allocated = clamp(pool.allocated + step, Math.ceil(total * 0.1), total);
    const allocatedShare = pool.allocated / total;
    const gpuUtilization = clamp(allocatedShare * (70 + 25 * random()), 0, 100);
    // Built in place, a sample at a time: the simulator makes ten per pool per report.
    const add = (type: RunaiClusterMetricType, value: number) => samples.push({ type, nodePool: pool.name, value });
    add('TOTAL_GPU_NODES', pool.nodes);
    add('TOTAL_GPU', total);
    add('GPU_QUOTA', total);
    add('ALLOCATED_GPU', pool.allocated);
    add('UNALLOCATED_GPU', total - pool.allocated);
    add('GPU_UTILIZATION', round2(gpuUtilization));
    add('GPU_MEMORY_UTILIZATION', round2(clamp(gpuUtilization * (0.8 + 0.3 * random()), 0, 100)));
    add('CPU_UTILIZATION', round2(15 + 45 * allocatedShare * random()));
    add('CPU_MEMORY_UTILIZATION', round2(25 + 40 * allocatedShare));
    add('WORKLOADS_COUNT', Math.ceil(pool.allocated / 2));
  }
  return samples;
}
