import type { Cluster, Node, NodePoolRecord } from '@clusterplane/persistence';
import { toFluidstackKubernetesNodePool, toFluidstackSlurmNodePool } from './node-pool.presenter';

const at = new Date('2025-03-01T12:00:00Z');
const node = (fields: Partial<Node>): Node =>
  ({
    id: 'n1',
    nodePoolId: 'p1',
    name: 'gpu-0',
    instanceId: 'i-1',
    state: 'ready',
    versions: { kubelet: 'v1.32.5', slurmd: '24.05.6' },
    publicIp: '198.51.100.1',
    privateIp: '10.0.0.2',
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: '', lastTransitionTime: at.toISOString() }],
    accelerator: 'nvidia-h100',
    labels: { 'kubernetes.io/hostname': 'gpu-0' },
    taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
    ordinal: 0,
    role: 'worker',
    slurmStates: ['IDLE'],
    partitions: ['gpu'],
    reservation: null,
    reason: null,
    createdAt: at,
    updatedAt: at,
    ...fields,
  }) as Node;
const pool = (nodes: Node[]): NodePoolRecord => ({ id: 'p1', clusterId: 'c1', name: 'gpu', instanceType: 'h100.8x', desiredCount: 1, version: null, phase: 'Ready', generation: 1, loginNodes: 0, createdAt: at, updatedAt: at, deletedAt: null, nodes });
const cluster = { name: 'cluster-01', kubernetesVersion: '1.32.5' } as Cluster;

describe('toFluidstackKubernetesNodePool', () => {
  it('shows the accelerator by product and a heartbeat on each condition', () => {
    const shown = toFluidstackKubernetesNodePool(pool([node({})]), cluster);
    expect(shown).toMatchObject({ id: 'p1', name: 'gpu', cluster: 'cluster-01', type: 'h100.8x', count: 1, version: '1.32.5' });
    expect((shown['nodes'] as Record<string, unknown>[])[0]).toMatchObject({
      instanceID: 'i-1',
      kubeletVersion: 'v1.32.5',
      accelerator: { type: 'nvidia/gpu', product: 'NVIDIA-H100-80GB-HBM3', driverVersion: expect.any(String) },
      conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: at.toISOString(), lastTransitionTime: at.toISOString() }],
    });
  });

  it('shows no accelerator for a CPU node and the pool’s pinned version during an upgrade', () => {
    const shown = toFluidstackKubernetesNodePool({ ...pool([node({ accelerator: null })]), version: '1.32.1' }, cluster);
    expect(shown['version']).toBe('1.32.1');
    expect((shown['nodes'] as Record<string, unknown>[])[0]!['accelerator']).toBeNull();
  });
});

describe('toFluidstackSlurmNodePool', () => {
  it('shows Slurm fields, POWERING_UP while the machine is being built', () => {
    const shown = toFluidstackSlurmNodePool(pool([node({}), node({ name: 'gpu-1', state: 'provisioning', instanceId: null, slurmStates: [] })]));
    expect(shown['nodes']).toEqual([
      { name: 'gpu-0', instanceID: 'i-1', states: ['IDLE'], slurmdVersion: '24.05.6', publicIP: '198.51.100.1', privateIP: '10.0.0.2', partitions: ['gpu'], reservation: null, reason: null },
      expect.objectContaining({ name: 'gpu-1', instanceID: null, states: ['POWERING_UP'] }),
    ]);
  });
});
