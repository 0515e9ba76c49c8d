import { Inject, Injectable } from '@nestjs/common';
import { PrismaService } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, type ClusterProvider, type ExternalResource } from './cluster-provider';
import { deleteKeyFor } from './delete-key';

/** A named statement on Prisma's pool: it runs after every provider create. */
const READ_FOR_SHARE = {
  name: 'provisioning-fence',
  text: 'SELECT delete_requested_at IS NOT NULL OR deleted_at IS NOT NULL AS deleting FROM clusters WHERE id = $1 FOR SHARE',
};

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

  /**
   * True when the cluster is being deleted (and `created`, if given, has been released). The
   * read locks the row for share: a delete still committing holds it for update, so the check
   * waits for that commit instead of missing a delete whose resource list came too early.
   */
  async releaseIfDeleting(clusterId: string, created?: ExternalResource): Promise<boolean> {
    const { rows: [cluster] } = await this.prisma.pool.query<{ deleting: boolean }>({ ...READ_FOR_SHARE, values: [clusterId] });
    const deleting = !cluster || cluster.deleting;
    if (deleting && created) await this.provider.deleteResource(created, deleteKeyFor(created));
    return deleting;
  }
}
