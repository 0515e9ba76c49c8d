import { Injectable } from '@nestjs/common';
import { AppError, jobId, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, assertNotDeleting, lockProjectCluster, PrismaService } from '@clusterplane/persistence';
import { QueueRegistry } from '@clusterplane/queues';

/**
 * `nodepool.scale` (PATCH `{count}`): desired count and a new generation in one transaction
 * with `nodepool.updated`, then a reconcile job for that generation. A job of an older
 * generation sees it was superseded and stops, so two quick scales converge on the last count.
 */
@Injectable()
export class ScaleNodePoolHandler implements CommandHandler<'nodepool.scale'> {
  readonly command = 'nodepool.scale' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
  ) {}

  async handle({ actor, projectId, clusterId, nodePoolId, count }: ParsedCommandRequest<'nodepool.scale'>): Promise<CommandReply<'nodepool.scale'>> {
    const generation = await this.prisma.$transaction(async (tx) => {
      assertNotDeleting(await lockProjectCluster(tx, { tenantId: actor.tenantId, projectId, clusterId }, 'FOR SHARE'));
      const [pool] = await tx.$queryRaw<{ phase: string; desired_count: number; generation: number }[]>`
        SELECT phase, desired_count, generation FROM node_pools WHERE id = ${nodePoolId}::uuid AND cluster_id = ${clusterId}::uuid AND deleted_at IS NULL FOR UPDATE`;
      if (!pool) throw AppError.notFound(`node pool ${nodePoolId}`);
      if (pool.phase === 'Deleting') throw new AppError('failed_precondition', `node pool ${nodePoolId} is being deleted`);
      const next = pool.generation + 1;
      await tx.nodePool.update({ where: { id: nodePoolId }, data: { desiredCount: count, generation: next, phase: 'Scaling' } });
      await appendOutboxEvent(tx, { type: 'nodepool.updated', tenantId: actor.tenantId, resourceType: 'nodepool', resourceId: nodePoolId, data: { clusterId, count: { from: pool.desired_count, to: count }, generation: next } });
      return next;
    });
    await this.queues.enqueue('nodepool.reconcile', { nodePoolId, generation }, { jobId: jobId(nodePoolId, 'reconcile', generation) });
    this.relay.kick();
    return { id: nodePoolId, generation };
  }
}
