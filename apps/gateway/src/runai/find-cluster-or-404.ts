import { AppError, type Actor, type ClusterView } from '@clusterplane/contracts';
import type { ClusterReadRepository } from '@clusterplane/persistence';

/** A live cluster of the caller's tenant; another tenant's cluster is indistinguishable from a missing one. */
export async function findClusterOr404(clusters: ClusterReadRepository, actor: Actor, clusterUuid: string): Promise<ClusterView> {
  const cluster = await clusters.findLive(actor.tenantId, clusterUuid);
  if (!cluster) throw AppError.notFound(`cluster ${clusterUuid}`);
  return cluster;
}
