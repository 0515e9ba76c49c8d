import type { ClusterView, RunaiClusterState } from '@clusterplane/contracts';
import { clusterHealth } from '../cluster-health/cluster-health';

export type Verbosity = 'metadata' | 'full';

/**
 * Seed 001's DisplayedCluster. The state is derived at read time from the stored report and
 * liveness, so a cluster shows Disconnected the moment its agent goes stale.
 */
export function toDisplayedCluster(cluster: ClusterView, verbosity: Verbosity, now: Date, livenessTimeoutMs: number): Record<string, unknown> {
  const displayed: Record<string, unknown> = {
    uuid: cluster.id,
    tenantId: cluster.tenantId,
    name: cluster.name,
    createdAt: cluster.createdAt,
    domain: cluster.domain,
    version: cluster.agentVersion,
    updatedAt: cluster.updatedAt,
    deletedAt: cluster.deletedAt,
    lastLiveness: cluster.lastLiveness,
    deleteRequestedAt: cluster.deleteRequestedAt,
  };
  if (verbosity === 'full') displayed['status'] = { ...(cluster.reportedStatus ?? {}), state: runaiState(cluster, now, livenessTimeoutMs) };
  return displayed;
}

/** The state every Run:ai view shows, derived from the last report and liveness at `now`. */
export function runaiState(cluster: Pick<ClusterView, 'lastLiveness' | 'reportedStatus'>, now: Date, livenessTimeoutMs: number): RunaiClusterState {
  return clusterHealth(cluster, now, livenessTimeoutMs).state;
}
