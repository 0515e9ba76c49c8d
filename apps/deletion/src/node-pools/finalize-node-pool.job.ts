import { Injectable } from '@nestjs/common';
import { jobId, type JobOf } from '@clusterplane/contracts';
import { OutboxRelayService } from '@clusterplane/messaging';
import { changeWithEvent, PrismaService } from '@clusterplane/persistence';
import { NodeRetirement } from '@clusterplane/providers';
import { QueueRegistry, type JobHandler } from '@clusterplane/queues';

/**
 * Finishes a pool delete: every node (login nodes included) is drained and its machine
 * deleted, then the pool is retired with `nodepool.deleted`. A cluster still provisioning was
 * waiting for this pool too, so its readiness is checked again.
 */
@Injectable()
export class FinalizeNodePoolJob implements JobHandler<'nodepool.finalize'> {
  readonly job = 'nodepool.finalize' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
    private readonly retirement: NodeRetirement,
  ) {}

  async handle({ nodePoolId }: JobOf<'nodepool.finalize'>): Promise<void> {
    const pool = await this.prisma.nodePool.findUnique({ where: { id: nodePoolId }, include: { cluster: true } });
    if (!pool || pool.deletedAt || pool.phase !== 'Deleting') return;
    const nodes = await this.prisma.node.findMany({ where: { nodePoolId, state: { not: 'deleted' } }, select: { id: true }, orderBy: { ordinal: 'desc' } });
    for (const node of nodes) await this.retirement.retire(node.id);

    const retired = await changeWithEvent(this.prisma, async (tx) => {
      const { count } = await tx.nodePool.updateMany({ where: { id: nodePoolId, deletedAt: null }, data: { deletedAt: new Date(), phase: 'Deleted' } });
      return count === 0 ? null : { type: 'nodepool.deleted', tenantId: pool.cluster.tenantId, resourceType: 'nodepool', resourceId: nodePoolId, data: { clusterId: pool.clusterId, name: pool.name } };
    });
    if (!retired) return;
    this.relay.kick();
    if (pool.cluster.phase === 'Pending' || pool.cluster.phase === 'Provisioning') {
      await this.queues.enqueue('cluster.ready-check', { clusterId: pool.clusterId }, { jobId: jobId(pool.clusterId, `ready-check-deleted-${nodePoolId}`) });
    }
  }
}
