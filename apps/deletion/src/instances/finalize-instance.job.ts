import { Inject, Injectable } from '@nestjs/common';
import type { JobOf } from '@clusterplane/contracts';
import { OutboxRelayService } from '@clusterplane/messaging';
import { changeWithEvent, PrismaService } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, type ClusterProvider } from '@clusterplane/providers';
import type { JobHandler } from '@clusterplane/queues';
import { releaseProviderResources } from '../finalizers/release-provider-resources';

/**
 * Finishes an instance delete: releases every provider resource created for it (each with its
 * one delete key, so a retry repeats nothing), then detaches its filesystems and retires the
 * record with `instance.deleted`, in one transaction.
 */
@Injectable()
export class FinalizeInstanceJob implements JobHandler<'instance.finalize'> {
  readonly job = 'instance.finalize' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  async handle({ instanceId }: JobOf<'instance.finalize'>): Promise<void> {
    const instance = await this.prisma.instance.findUnique({ where: { id: instanceId } });
    if (!instance || instance.deletedAt || instance.state !== 'deleting') return;
    await releaseProviderResources(this.provider, await this.provider.listResources(instanceId));
    const retired = await changeWithEvent(this.prisma, async (tx) => {
      await tx.instanceFilesystem.deleteMany({ where: { instanceId } });
      const { count } = await tx.instance.updateMany({ where: { id: instanceId, deletedAt: null }, data: { deletedAt: new Date() } });
      return count === 0 ? null : { type: 'instance.deleted', tenantId: instance.tenantId, resourceType: 'instance', resourceId: instanceId, data: { projectId: instance.projectId } };
    });
    if (retired) this.relay.kick();
  }
}
