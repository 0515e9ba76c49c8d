import type { ClusterSummary } from '@clusterplane/persistence';
import { runaiState } from './displayed-cluster.presenter';

/**
 * Seed 002's minimal cluster: what workload tooling needs, with the same derived state as the
 * full view and the ingress class the agent last reported.
 */
export function toMinimalCluster(cluster: ClusterSummary, now: Date, livenessTimeoutMs: number): Record<string, unknown> {
  const config = cluster.reportedStatus?.['config'] as { ingressClass?: unknown } | null | undefined;
  return {
    uuid: cluster.id,
    name: cluster.name,
    tenantId: cluster.tenantId,
    version: cluster.agentVersion,
    domain: cluster.domain,
    state: runaiState(cluster, now, livenessTimeoutMs),
    ingressClass: typeof config?.ingressClass === 'string' ? config.ingressClass : null,
  };
}
