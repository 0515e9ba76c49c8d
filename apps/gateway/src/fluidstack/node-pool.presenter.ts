import { acceleratorProduct, GPU_DRIVER_VERSION } from '@clusterplane/domain';
import type { Cluster, Node, NodePoolRecord } from '@clusterplane/persistence';

type Versions = { kubelet?: string; slurmd?: string };
type Condition = Record<string, unknown>;

function kubernetesNode(node: Node): Record<string, unknown> {
  const versions = node.versions as Versions;
  return {
    name: node.name,
    instanceID: node.instanceId,
    state: node.state,
    kubeletVersion: versions.kubelet ?? null,
    createdAt: node.createdAt.toISOString(),
    publicIP: node.publicIp,
    privateIP: node.privateIp,
    conditions: (node.conditions as Condition[]).map((c) => ({ lastHeartbeatTime: node.updatedAt.toISOString(), ...c })),
    accelerator: node.accelerator ? { type: 'nvidia/gpu', product: acceleratorProduct(node.accelerator), driverVersion: GPU_DRIVER_VERSION } : null,
    labels: node.labels,
    taints: node.taints,
  };
}

/** A Slurm node still being built is POWERING_UP, as slurmctld shows a cloud node coming up. */
function slurmNode(node: Node): Record<string, unknown> {
  return {
    name: node.name,
    instanceID: node.instanceId,
    states: node.state === 'provisioning' ? ['POWERING_UP'] : node.slurmStates,
    slurmdVersion: (node.versions as Versions).slurmd ?? null,
    publicIP: node.publicIp,
    privateIP: node.privateIp,
    partitions: node.partitions,
    reservation: node.reservation,
    reason: node.reason,
  };
}

/** Seed 004's Kubernetes node pool; `version` is the cluster's until an upgrade pins the pool's. */
export function toFluidstackKubernetesNodePool(pool: NodePoolRecord, cluster: Cluster): Record<string, unknown> {
  return {
    id: pool.id,
    name: pool.name,
    cluster: cluster.name,
    type: pool.instanceType,
    count: pool.desiredCount,
    version: pool.version ?? cluster.kubernetesVersion,
    nodes: pool.nodes.map(kubernetesNode),
  };
}

/** Seed 004's Slurm node pool. */
export function toFluidstackSlurmNodePool(pool: NodePoolRecord): Record<string, unknown> {
  return { id: pool.id, name: pool.name, type: pool.instanceType, count: pool.desiredCount, nodes: pool.nodes.map(slurmNode) };
}
