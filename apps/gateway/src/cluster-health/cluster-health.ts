import { deriveClusterHealth, type ClusterHealth } from '@clusterplane/domain';

/** What a cluster read carries of its agent: the inputs of the derived state. */
export interface AgentLiveness {
  lastLiveness: Date | string | null;
  reportedStatus: unknown;
}

/**
 * The one derived state every dialect shows of a cluster's agent, at `now`: Run:ai's `status.state`,
 * TrueFoundry's is-connected and Fluidstack's `status.details.health` read it from here.
 */
export function clusterHealth(cluster: AgentLiveness, now: Date, livenessTimeoutMs: number): ClusterHealth {
  return deriveClusterHealth({
    lastLiveness: cluster.lastLiveness ? new Date(cluster.lastLiveness) : null,
    reportedStatus: cluster.reportedStatus,
    now,
    livenessTimeoutMs,
  });
}
