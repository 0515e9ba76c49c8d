import { Inject, Injectable } from '@nestjs/common';
import type { JobOf } from '@clusterplane/contracts';
import { OutboxRelayService } from '@clusterplane/messaging';
import { appendOutboxEvent, markStepDone, PrismaService } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, type ClusterProvider } from '@clusterplane/providers';
import type { JobHandler } from '@clusterplane/queues';

const PROVISIONABLE = ['Pending', 'Provisioning'] as const;

/**
 * Brings a registered cluster to Ready: its agent credentials are issued with the provider
 * (idempotency key per secret version), then the phase moves and `cluster.ready` is written
 * in one transaction. Running it again for the same generation changes nothing.
 */
@Injectable()
export class ProvisionClusterJob implements JobHandler<'cluster.provision'> {
  readonly job = 'cluster.provision' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  async handle({ clusterId, generation }: JobOf<'cluster.provision'>): Promise<void> {
    const cluster = await this.prisma.cluster.findUnique({ where: { id: clusterId } });
    if (!cluster || cluster.deletedAt || cluster.deleteRequestedAt) return; // deleted meanwhile: nothing to do
    if (cluster.generation !== generation || !PROVISIONABLE.includes(cluster.phase as never)) return; // superseded or done

    await this.provider.issueCredentials(
      { clusterId, secretVersion: cluster.secretVersion },
      `cluster/${clusterId}/credentials/v${cluster.secretVersion}`,
    );

    const became = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.cluster.updateMany({
        where: { id: clusterId, generation, phase: { in: [...PROVISIONABLE] }, deleteRequestedAt: null, deletedAt: null },
        data: { phase: 'Ready', phaseReason: null },
      });
      if (count === 0) return false;
      await markStepDone(tx, clusterId, 'credentials', generation);
      await appendOutboxEvent(tx, { type: 'cluster.ready', tenantId: cluster.tenantId, resourceType: 'cluster', resourceId: clusterId, data: { generation } });
      return true;
    });
    if (became) this.relay.kick();
  }

  async onFinalFailure({ clusterId, generation }: JobOf<'cluster.provision'>, error: Error): Promise<void> {
    const failed = await this.prisma.$transaction(async (tx) => {
      const cluster = await tx.cluster.findUnique({ where: { id: clusterId }, select: { tenantId: true } });
      const { count } = await tx.cluster.updateMany({
        where: { id: clusterId, generation, phase: { in: [...PROVISIONABLE] }, deletedAt: null },
        data: { phase: 'Failed', phaseReason: error.message.slice(0, 500) },
      });
      if (count === 0 || !cluster) return false;
      await appendOutboxEvent(tx, { type: 'cluster.failed', tenantId: cluster.tenantId, resourceType: 'cluster', resourceId: clusterId, data: { reason: error.message.slice(0, 500) } });
      return true;
    });
    if (failed) this.relay.kick();
  }
}
