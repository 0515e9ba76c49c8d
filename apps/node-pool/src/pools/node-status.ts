import { DEFAULT_SLURM_VERSION, kubeletVersion, labelsFor, LOGIN_NODE_INSTANCE_TYPE, parseInstanceType, taintsFor } from '@clusterplane/domain';
import type { Cluster, NodePool } from '@clusterplane/persistence';
import type { ProvisionedNode } from '@clusterplane/providers';

export type NodeRole = 'worker' | 'login';

/** Kubernetes version a node reports when its cluster was created without one. */
const FALLBACK_KUBERNETES_VERSION = '1.31.2';

/** The machine type of a node: a Slurm pool's login nodes are CPU machines whatever the pool runs. */
export function machineTypeOf(pool: Pick<NodePool, 'instanceType'>, role: NodeRole): string {
  return role === 'login' ? LOGIN_NODE_INSTANCE_TYPE : pool.instanceType;
}

/**
 * The view of a node that just joined, as its pool's instance type and its cluster imply:
 * Kubernetes fields (kubelet version, conditions, labels, GPU taints) for every node, and
 * Slurm's (slurmd version, IDLE, the pool's partition) for the nodes of a Slurm cluster.
 */
export function readyNodeFields(
  node: ProvisionedNode,
  name: string,
  role: NodeRole,
  pool: Pick<NodePool, 'name' | 'instanceType'>,
  cluster: Pick<Cluster, 'kind' | 'kubernetesVersion' | 'slurmVersion'>,
  now: Date,
) {
  const spec = parseInstanceType(machineTypeOf(pool, role));
  const at = now.toISOString();
  const slurm = cluster.kind === 'slurm';
  const condition = (type: string, status: string, reason: string, message: string) => ({ type, status, reason, message, lastHeartbeatTime: at, lastTransitionTime: at });
  return {
    state: 'ready',
    instanceId: node.externalId,
    privateIp: node.privateIp,
    publicIp: node.publicIp,
    accelerator: spec?.accelerator ?? null,
    labels: { ...(spec ? labelsFor(spec, pool.name) : {}), 'kubernetes.io/hostname': name, [`node-role.kubernetes.io/${role}`]: '' },
    taints: spec ? (taintsFor(spec) as unknown as object[]) : [],
    versions: slurm
      ? { slurmd: cluster.slurmVersion ?? DEFAULT_SLURM_VERSION }
      : { kubelet: kubeletVersion(cluster.kubernetesVersion ?? FALLBACK_KUBERNETES_VERSION), containerRuntime: 'containerd://1.7.22' },
    conditions: [
      condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', ''),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', ''),
    ],
    slurmStates: slurm ? ['IDLE'] : [],
    partitions: slurm && role === 'worker' ? [pool.name] : [],
    reason: null,
  };
}
