import type { Cluster, Node } from '@clusterplane/persistence';
import { toClusterStatus } from './cluster-status.presenter';

/**
 * Seed 004's Slurm cluster, with the `status` Kubernetes clusters have (the seed's Slurm shape
 * has none, and a client needs to know when the cluster is ready).
 */
export function toFluidstackSlurmCluster(cluster: Cluster, loginNodes: Node[]): Record<string, unknown> {
  return {
    id: cluster.id,
    name: cluster.name,
    version: cluster.slurmVersion,
    loginNodes: loginNodes.map((node) => ({ name: node.name, publicIP: node.publicIp })),
    status: toClusterStatus(cluster),
  };
}
