import type { Cluster } from '@clusterplane/persistence';
import { clusterHealth } from '../cluster-health/cluster-health';
import { toClusterStatus } from './cluster-status.presenter';

/** When a cluster is read, and how long a report keeps its agent live. */
export interface HealthClock {
  now: Date;
  livenessTimeoutMs: number;
}

/**
 * Seed 004's Kubernetes cluster; the CA is empty until the control plane exists. `status.details`
 * also carries the health of the cluster's agent (`health`, and `healthReason` unless Connected):
 * the state Run:ai's status and TrueFoundry's is-connected read, from the same reports.
 */
export function toFluidstackKubernetesCluster(cluster: Cluster, clock: HealthClock): Record<string, unknown> {
  const status = toClusterStatus(cluster);
  const health = clusterHealth(cluster, clock.now, clock.livenessTimeoutMs);
  return {
    id: cluster.id,
    name: cluster.name,
    version: cluster.kubernetesVersion,
    certificateAuthorityData: cluster.caData ?? '',
    status: { ...status, details: { ...status.details, health: health.state, ...(health.reason ? { healthReason: health.reason } : {}) } },
  };
}
