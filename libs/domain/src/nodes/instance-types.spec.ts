import { acceleratorProduct, labelsFor, parseInstanceType, taintsFor } from './instance-types';

describe('parseInstanceType', () => {
  it('reads a GPU type', () => {
    expect(parseInstanceType('h100.8x')).toEqual({ name: 'h100.8x', accelerator: 'nvidia-h100', gpus: 8, vcpus: 208 });
  });

  it('reads a CPU type', () => {
    expect(parseInstanceType('cpu.4x')).toEqual({ name: 'cpu.4x', accelerator: null, gpus: 0, vcpus: 32 });
  });

  it.each(['h100', 'h100.0x', 'x100.8x', 'H100.8x', 'h100.8', 'h100.100x', ''])('refuses %j', (name) => {
    expect(parseInstanceType(name)).toBeNull();
  });
});

describe('taints and labels', () => {
  it('taints GPU nodes with nvidia.com/gpu=present:NoSchedule and labels the product', () => {
    const spec = parseInstanceType('a100.4x')!;
    expect(taintsFor(spec)).toEqual([{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }]);
    expect(labelsFor(spec, 'gpu-pool')).toMatchObject({ 'nvidia.com/gpu.product': 'nvidia-a100', 'nvidia.com/gpu.count': '4', 'clusterplane.dev/node-pool': 'gpu-pool' });
  });

  it('leaves CPU nodes untainted and without GPU labels', () => {
    const spec = parseInstanceType('cpu.2x')!;
    expect(taintsFor(spec)).toEqual([]);
    expect(labelsFor(spec, 'system')).not.toHaveProperty('nvidia.com/gpu.product');
  });
});

describe('acceleratorProduct', () => {
  it('names the product as GPU feature discovery does', () => {
    expect(acceleratorProduct('nvidia-h100')).toBe('NVIDIA-H100-80GB-HBM3');
    expect(acceleratorProduct('nvidia-l40s')).toBe('NVIDIA-L40S');
  });
});
