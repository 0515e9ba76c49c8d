import { Inject, Injectable } from '@nestjs/common';
import { CommandClient, OutboxRelayService } from '@clusterplane/messaging';
import { appendOutboxEvent, Prisma, PrismaService, updateWithEvent, type Cluster } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, ProvisioningFence, simulatedAgentReport, type ClusterProvider, type ResourceTags } from '@clusterplane/providers';

const PROVISIONABLE = ['Pending', 'Provisioning'] as const;

/** The end of provisioning: Ready (and, for a managed cluster, its agent installed) or Failed. */
@Injectable()
export class ClusterReadiness {
  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    private readonly commands: CommandClient,
    private readonly fence: ProvisioningFence,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  /**
   * Ready exactly once per generation: the conditional update is the guard. The update, the
   * `ready` checkpoint (and `alsoDone`, steps whose effect this completes) and the `cluster.ready`
   * event are one statement, so one round trip and all or nothing.
   */
  async markReady(cluster: Pick<Cluster, 'id' | 'tenantId' | 'generation'>, alsoDone: string[] = []): Promise<boolean> {
    const became = await updateWithEvent(this.prisma, {
      update: Prisma.sql`
        UPDATE clusters SET phase = 'Ready', phase_reason = NULL, updated_at = now()
        WHERE id = ${cluster.id}::uuid AND generation = ${cluster.generation} AND phase IN ('Pending', 'Provisioning')
          AND delete_requested_at IS NULL AND deleted_at IS NULL
        RETURNING id`,
      alongside: Prisma.sql`
        INSERT INTO resource_steps (resource_id, step, generation)
        SELECT changed.id, step, ${cluster.generation}::int FROM changed, unnest(${['ready', ...alsoDone]}::text[]) AS step
        ON CONFLICT (resource_id, step, generation) DO NOTHING`,
      event: { type: 'cluster.ready', tenantId: cluster.tenantId, resourceType: 'cluster', resourceId: cluster.id, data: { generation: cluster.generation } },
    });
    if (became) this.relay.kick();
    return became;
  }

  /**
   * A managed cluster is Ready when every live pool is; then the provider installs its agent,
   * whose first report is sent at once so the cluster shows Connected without waiting.
   */
  async readyIfPoolsAre(clusterId: string): Promise<void> {
    const cluster = await this.prisma.cluster.findUnique({ where: { id: clusterId } });
    if (!cluster || cluster.deletedAt || cluster.deleteRequestedAt || cluster.origin !== 'managed') return;
    if (PROVISIONABLE.includes(cluster.phase as never)) {
      const notReady = await this.prisma.nodePool.count({ where: { clusterId, deletedAt: null, phase: { not: 'Ready' } } });
      if (notReady > 0) return;
      await this.markReady(cluster);
    } else if (cluster.phase !== 'Ready' || cluster.agentInstalledAt) {
      return;
    }
    await this.installAgent(cluster);
  }

  async markFailed(clusterId: string, generation: number, reason: string): Promise<void> {
    const failed = await this.prisma.$transaction(async (tx) => {
      const cluster = await tx.cluster.findUnique({ where: { id: clusterId }, select: { tenantId: true } });
      const { count } = await tx.cluster.updateMany({
        where: { id: clusterId, generation, phase: { in: [...PROVISIONABLE] }, deletedAt: null },
        data: { phase: 'Failed', phaseReason: reason.slice(0, 500) },
      });
      if (count === 0 || !cluster) return false;
      await appendOutboxEvent(tx, { type: 'cluster.failed', tenantId: cluster.tenantId, resourceType: 'cluster', resourceId: clusterId, data: { reason: reason.slice(0, 500) } });
      return true;
    });
    if (failed) this.relay.kick();
  }

  private async installAgent(cluster: Cluster): Promise<void> {
    const agent = await this.provider.installAgent({ clusterId: cluster.id, tags: cluster.tags as ResourceTags }, `cluster/${cluster.id}/agent`);
    if (await this.fence.releaseIfDeleting(cluster.id, agent)) return;
    const { count } = await this.prisma.cluster.updateMany({ where: { id: cluster.id, agentInstalledAt: null }, data: { agentInstalledAt: new Date() } });
    if (count === 0) return;
    const now = new Date();
    await this.commands.send('status.report', { clusterId: cluster.id, tenantId: cluster.tenantId, receivedAt: now.toISOString(), report: simulatedAgentReport(now, false) });
  }
}
