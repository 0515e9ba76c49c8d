import { Inject, Injectable } from '@nestjs/common';
import type { JobOf } from '@clusterplane/contracts';
import { parseFilesystemSize } from '@clusterplane/domain';
import { OutboxRelayService } from '@clusterplane/messaging';
import { changeWithEvent, PrismaService } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, deleteKeyFor, type ClusterProvider } from '@clusterplane/providers';
import type { JobHandler } from '@clusterplane/queues';

/**
 * Creates a filesystem's volume (keyed by the filesystem, so a retry creates nothing twice)
 * and marks it ready. A delete that began meanwhile listed the provider's resources before
 * this one existed, so the job releases what it just created itself.
 */
@Injectable()
export class ProvisionFilesystemJob implements JobHandler<'filesystem.provision'> {
  readonly job = 'filesystem.provision' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  async handle({ filesystemId }: JobOf<'filesystem.provision'>): Promise<void> {
    const filesystem = await this.prisma.filesystem.findUnique({ where: { id: filesystemId } });
    if (!filesystem || filesystem.deletedAt || filesystem.state !== 'creating') return;
    const volume = await this.provider.createFilesystem({ filesystemId, sizeGi: parseFilesystemSize(filesystem.size) ?? 0 }, `filesystem/${filesystemId}/create`);
    const ready = await changeWithEvent(this.prisma, async (tx) => {
      const { count } = await tx.filesystem.updateMany({ where: { id: filesystemId, state: 'creating', deletedAt: null }, data: { state: 'ready', externalId: volume.externalId } });
      return count === 0 ? null : { type: 'filesystem.ready', tenantId: filesystem.tenantId, resourceType: 'filesystem', resourceId: filesystemId, data: { projectId: filesystem.projectId } };
    });
    if (ready) this.relay.kick();
    else await this.provider.deleteResource(volume, deleteKeyFor(volume));
  }

  async onFinalFailure({ filesystemId }: JobOf<'filesystem.provision'>, error: Error): Promise<void> {
    const failed = await changeWithEvent(this.prisma, async (tx) => {
      const filesystem = await tx.filesystem.findUnique({ where: { id: filesystemId } });
      const { count } = await tx.filesystem.updateMany({ where: { id: filesystemId, state: 'creating' }, data: { state: 'error' } });
      return count === 0 || !filesystem ? null : { type: 'filesystem.failed', tenantId: filesystem.tenantId, resourceType: 'filesystem', resourceId: filesystemId, data: { reason: error.message.slice(0, 500) } };
    });
    if (failed) this.relay.kick();
  }
}
