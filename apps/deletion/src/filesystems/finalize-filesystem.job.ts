import { Inject, Injectable } from '@nestjs/common';
import type { JobOf } from '@clusterplane/contracts';
import { OutboxRelayService } from '@clusterplane/messaging';
import { changeWithEvent, PrismaService } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, type ClusterProvider } from '@clusterplane/providers';
import type { JobHandler } from '@clusterplane/queues';
import { releaseProviderResources } from '../finalizers/release-provider-resources';

/** Finishes a filesystem delete: releases its volume, then retires the record with `filesystem.deleted`. */
@Injectable()
export class FinalizeFilesystemJob implements JobHandler<'filesystem.finalize'> {
  readonly job = 'filesystem.finalize' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  async handle({ filesystemId }: JobOf<'filesystem.finalize'>): Promise<void> {
    const filesystem = await this.prisma.filesystem.findUnique({ where: { id: filesystemId } });
    if (!filesystem || filesystem.deletedAt || filesystem.state !== 'deleting') return;
    await releaseProviderResources(this.provider, await this.provider.listResources(filesystemId));
    const retired = await changeWithEvent(this.prisma, async (tx) => {
      const { count } = await tx.filesystem.updateMany({ where: { id: filesystemId, deletedAt: null }, data: { deletedAt: new Date() } });
      return count === 0 ? null : { type: 'filesystem.deleted', tenantId: filesystem.tenantId, resourceType: 'filesystem', resourceId: filesystemId, data: { projectId: filesystem.projectId } };
    });
    if (retired) this.relay.kick();
  }
}
