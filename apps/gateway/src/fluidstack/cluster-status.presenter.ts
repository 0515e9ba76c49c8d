import type { Cluster } from '@clusterplane/persistence';

const STATUS_TYPES: Record<Cluster['phase'], string> = {
  Pending: 'PENDING',
  Provisioning: 'PROVISIONING',
  Ready: 'READY',
  Updating: 'UPDATING',
  Deleting: 'DELETING',
  Deleted: 'DELETING',
  Failed: 'FAILED',
};

/** SPEC section 3: `{type, details}`; details carry the reason of a failure. */
export function toClusterStatus(cluster: Pick<Cluster, 'phase' | 'phaseReason'>): { type: string; details: Record<string, unknown> } {
  return { type: STATUS_TYPES[cluster.phase], details: cluster.phaseReason ? { reason: cluster.phaseReason } : {} };
}
