import { Inject, Injectable } from '@nestjs/common';
import { PrismaService } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, type ClusterProvider, type ExternalResource } from './cluster-provider';
import { deleteKeyFor } from './delete-key';

/**
 * Closes the race between provisioning and deletion. A delete's finalizer lists the cluster's
 * provider resources once; a create still in flight at that moment lands afterwards. So after
 * every create, the provisioning side checks the cluster again and, if it is being deleted,
 * releases what it just created itself and stops.
 */
@Injectable()
export class ProvisioningFence {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  /** True when the cluster is being deleted (and `created`, if given, has been released). */
  async releaseIfDeleting(clusterId: string, created?: ExternalResource): Promise<boolean> {
    const cluster = await this.prisma.cluster.findUnique({ where: { id: clusterId }, select: { deleteRequestedAt: true, deletedAt: true } });
    const deleting = !cluster || cluster.deleteRequestedAt !== null || cluster.deletedAt !== null;
    if (deleting && created) await this.provider.deleteResource(created, deleteKeyFor(created));
    return deleting;
  }
}
