import { Injectable } from '@nestjs/common';
import { AppError, jobId, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, assertNotDeleting, lockProjectCluster, PrismaService } from '@clusterplane/persistence';
import { QueueRegistry } from '@clusterplane/queues';

/**
 * `nodepool.delete`: one transaction marks the pool Deleting with a new generation (a scale
 * still running sees it and stops) and its event; a job drains and deletes every node, then
 * retires the pool. Repeating the delete starts nothing new.
 */
@Injectable()
export class DeleteNodePoolHandler implements CommandHandler<'nodepool.delete'> {
  readonly command = 'nodepool.delete' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
  ) {}

  async handle({ actor, projectId, clusterId, nodePoolId }: ParsedCommandRequest<'nodepool.delete'>): Promise<CommandReply<'nodepool.delete'>> {
    const started = await this.prisma.$transaction(async (tx) => {
      const cluster = await lockProjectCluster(tx, { tenantId: actor.tenantId, projectId, clusterId }, 'FOR SHARE');
      assertNotDeleting(cluster);
      const [pool] = await tx.$queryRaw<{ phase: string }[]>`
        SELECT phase FROM node_pools WHERE id = ${nodePoolId}::uuid AND cluster_id = ${clusterId}::uuid AND deleted_at IS NULL FOR UPDATE`;
      if (!pool) throw AppError.notFound(`node pool ${nodePoolId}`);
      if (pool.phase === 'Deleting') return false;
      await tx.nodePool.update({ where: { id: nodePoolId }, data: { phase: 'Deleting', generation: { increment: 1 } } });
      await appendOutboxEvent(tx, { type: 'nodepool.delete-requested', tenantId: actor.tenantId, resourceType: 'nodepool', resourceId: nodePoolId, data: { clusterId } });
      return true;
    });
    if (started) {
      await this.queues.enqueue('nodepool.finalize', { nodePoolId }, { jobId: jobId(nodePoolId, 'finalize') });
      this.relay.kick();
    }
    return { id: nodePoolId, started };
  }
}
