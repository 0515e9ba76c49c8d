export interface InstanceTypeSpec {
  name: string;
  /** e.g. `nvidia-h100`, or null for a CPU-only type. */
  accelerator: string | null;
  gpus: number;
  vcpus: number;
}

const GPU_FAMILIES: Record<string, string> = {
  h100: 'nvidia-h100',
  h200: 'nvidia-h200',
  b200: 'nvidia-b200',
  gb200: 'nvidia-gb200',
  a100: 'nvidia-a100',
  l40s: 'nvidia-l40s',
  a10: 'nvidia-a10',
};

/** The product name Kubernetes' GPU feature discovery reports for each accelerator. */
const GPU_PRODUCTS: Record<string, string> = {
  'nvidia-h100': 'NVIDIA-H100-80GB-HBM3',
  'nvidia-h200': 'NVIDIA-H200',
  'nvidia-b200': 'NVIDIA-B200',
  'nvidia-gb200': 'NVIDIA-GB200',
  'nvidia-a100': 'NVIDIA-A100-SXM4-80GB',
  'nvidia-l40s': 'NVIDIA-L40S',
  'nvidia-a10': 'NVIDIA-A10',
};

/** The driver the simulated images ship. */
export const GPU_DRIVER_VERSION = '550.127.08';

/** Login nodes of a Slurm pool are CPU machines whatever the pool's own type. */
export const LOGIN_NODE_INSTANCE_TYPE = 'cpu.4x';

export function acceleratorProduct(accelerator: string): string {
  return GPU_PRODUCTS[accelerator] ?? accelerator.toUpperCase();
}

const INSTANCE_TYPE = /^([a-z][a-z0-9]*)\.(\d{1,2})x$/;

/** Parses `h100.8x` (8 GPUs) or `cpu.4x` (4 × 8 vCPUs); null for an unknown family or shape. */
export function parseInstanceType(name: string): InstanceTypeSpec | null {
  const match = INSTANCE_TYPE.exec(name);
  if (!match) return null;
  const [, family, countText] = match;
  const count = Number(countText);
  if (count < 1) return null;
  if (family === 'cpu') return { name, accelerator: null, gpus: 0, vcpus: count * 8 };
  const accelerator = GPU_FAMILIES[family!];
  return accelerator ? { name, accelerator, gpus: count, vcpus: count * 26 } : null;
}

export interface NodeTaint {
  key: string;
  value: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** GPU nodes are tainted so only workloads that ask for GPUs land on them. */
export function taintsFor(spec: InstanceTypeSpec): NodeTaint[] {
  return spec.accelerator ? [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] : [];
}

export function labelsFor(spec: InstanceTypeSpec, nodePool: string): Record<string, string> {
  return {
    'node.kubernetes.io/instance-type': spec.name,
    'clusterplane.dev/node-pool': nodePool,
    ...(spec.accelerator ? { 'nvidia.com/gpu.product': spec.accelerator, 'nvidia.com/gpu.count': String(spec.gpus) } : {}),
  };
}
