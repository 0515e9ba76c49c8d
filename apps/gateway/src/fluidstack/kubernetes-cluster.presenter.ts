import type { Cluster } from '@clusterplane/persistence';
import { toClusterStatus } from './cluster-status.presenter';

/** Seed 004's Kubernetes cluster; the CA is empty until the control plane exists. */
export function toFluidstackKubernetesCluster(cluster: Cluster): Record<string, unknown> {
  return {
    id: cluster.id,
    name: cluster.name,
    version: cluster.kubernetesVersion,
    certificateAuthorityData: cluster.caData ?? '',
    status: toClusterStatus(cluster),
  };
}
