import { Inject, Injectable } from '@nestjs/common';
import type { JobOf } from '@clusterplane/contracts';
import { kubeletVersion } from '@clusterplane/domain';
import { OutboxRelayService } from '@clusterplane/messaging';
import { changeWithEvent, PrismaService } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, type ClusterProvider, type ResourceTags } from '@clusterplane/providers';
import type { JobHandler } from '@clusterplane/queues';

/**
 * Runs an upgrade the cluster's spec asks for: the provider upgrades the control plane in place
 * (keyed by cluster and target version, so a retry upgrades once), then the pools and their
 * nodes take the new version and the cluster is Ready again, in one transaction guarded by
 * the generation, so a newer upgrade that started meanwhile wins.
 */
@Injectable()
export class UpgradeClusterJob implements JobHandler<'cluster.upgrade'> {
  readonly job = 'cluster.upgrade' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  async handle({ clusterId, generation }: JobOf<'cluster.upgrade'>): Promise<void> {
    const cluster = await this.prisma.cluster.findUnique({ where: { id: clusterId } });
    if (!cluster || cluster.deletedAt || cluster.deleteRequestedAt) return;
    if (cluster.generation !== generation || cluster.phase !== 'Updating' || !cluster.kubernetesVersion) return; // superseded or done
    const controlPlane = (await this.provider.listResources(clusterId)).find((r) => r.kind === 'control-plane');
    if (!controlPlane) throw new Error(`cluster ${clusterId} has no control plane to upgrade`);
    const version = cluster.kubernetesVersion;
    await this.provider.upgradeControlPlane(
      { clusterId, externalId: controlPlane.externalId, kubernetesVersion: version, tags: cluster.tags as ResourceTags },
      `cluster/${clusterId}/control-plane/upgrade/${version}`,
    );

    const done = await changeWithEvent(this.prisma, async (tx) => {
      const { count } = await tx.cluster.updateMany({ where: { id: clusterId, generation, phase: 'Updating', deleteRequestedAt: null }, data: { phase: 'Ready' } });
      if (count === 0) return null;
      await tx.nodePool.updateMany({ where: { clusterId, deletedAt: null }, data: { version } });
      await tx.$executeRaw`
        UPDATE nodes SET versions = jsonb_set(versions, '{kubelet}', to_jsonb(${kubeletVersion(version)}::text)), updated_at = now()
        WHERE role = 'worker' AND state <> 'deleted' AND node_pool_id IN (SELECT id FROM node_pools WHERE cluster_id = ${clusterId}::uuid AND deleted_at IS NULL)`;
      return { type: 'cluster.updated', tenantId: cluster.tenantId, resourceType: 'cluster', resourceId: clusterId, data: { generation, phase: 'Ready', kubernetesVersion: version } };
    });
    if (done) this.relay.kick();
  }

  /** A control plane that cannot be upgraded leaves the cluster Failed with the reason. */
  async onFinalFailure({ clusterId, generation }: JobOf<'cluster.upgrade'>, error: Error): Promise<void> {
    const reason = `upgrade failed: ${error.message}`.slice(0, 500);
    const failed = await changeWithEvent(this.prisma, async (tx) => {
      const cluster = await tx.cluster.findUnique({ where: { id: clusterId }, select: { tenantId: true } });
      const { count } = await tx.cluster.updateMany({ where: { id: clusterId, generation, phase: 'Updating' }, data: { phase: 'Failed', phaseReason: reason } });
      return count === 0 || !cluster ? null : { type: 'cluster.failed', tenantId: cluster.tenantId, resourceType: 'cluster', resourceId: clusterId, data: { reason } };
    });
    if (failed) this.relay.kick();
  }
}
