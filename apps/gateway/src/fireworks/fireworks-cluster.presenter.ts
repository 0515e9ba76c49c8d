import type { ClusterView } from '@clusterplane/contracts';
import { fireworksStateOf } from '@clusterplane/domain';

/** The full resource name of a cluster in seed 003. */
export const fireworksClusterName = (accountId: string, clusterName: string): string => `accounts/${accountId}/clusters/${clusterName}`;

/**
 * Seed 003's Cluster. The provider block is shown as given; a cluster created through another
 * dialect has none. `status` uses google.rpc code names: OK, or INTERNAL with the reason the
 * provider gave when provisioning failed.
 */
export function toFireworksCluster(cluster: ClusterView, accountId: string): Record<string, unknown> {
  const state = fireworksStateOf(cluster);
  const block = cluster.providerConfig ?? {};
  return {
    name: fireworksClusterName(accountId, cluster.name),
    displayName: cluster.displayName ?? cluster.name,
    createTime: cluster.createdAt,
    ...(block['eksCluster'] ? { eksCluster: block['eksCluster'] } : {}),
    ...(block['fakeCluster'] ? { fakeCluster: block['fakeCluster'] } : {}),
    state,
    status: state === 'FAILED' ? { code: 'INTERNAL', message: cluster.phaseReason ?? 'provisioning failed' } : { code: 'OK', message: '' },
  };
}
