import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, jobId, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { parseInstanceType } from '@clusterplane/domain';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, assertNotDeleting, isUniqueViolation, lockProjectCluster, PrismaService } from '@clusterplane/persistence';
import { QueueRegistry } from '@clusterplane/queues';

/**
 * `nodepool.create`: the pool and its event in one transaction (the cluster locked FOR SHARE,
 * so a concurrent cluster delete sees it), then the same reconcile job that scales pools
 * brings its nodes up. A live pool of that name on the cluster is a 409.
 */
@Injectable()
export class CreateNodePoolHandler implements CommandHandler<'nodepool.create'> {
  readonly command = 'nodepool.create' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
  ) {}

  async handle({ actor, projectId, clusterId, kind, pool }: ParsedCommandRequest<'nodepool.create'>): Promise<CommandReply<'nodepool.create'>> {
    if (!parseInstanceType(pool.instanceType)) throw AppError.invalid(`unknown instance type '${pool.instanceType}'`, [{ field: 'type', message: 'unknown instance type' }]);
    if (kind === 'kubernetes' && pool.loginNodes > 0) throw AppError.invalid('only Slurm pools have login nodes', [{ field: 'loginNodes', message: 'must be 0 for Kubernetes' }]);
    const id = randomUUID();
    try {
      await this.prisma.$transaction(async (tx) => {
        const cluster = await lockProjectCluster(tx, { tenantId: actor.tenantId, projectId, clusterId, kind }, 'FOR SHARE');
        assertNotDeleting(cluster);
        if (cluster.origin !== 'managed') throw new AppError('failed_precondition', `cluster ${clusterId} is not managed here; it has no pools to add to`);
        await tx.nodePool.create({ data: { id, clusterId, name: pool.name, instanceType: pool.instanceType, desiredCount: pool.count, loginNodes: pool.loginNodes } });
        await appendOutboxEvent(tx, { type: 'nodepool.created', tenantId: actor.tenantId, resourceType: 'nodepool', resourceId: id, data: { clusterId, name: pool.name, type: pool.instanceType, count: pool.count } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('already_exists', `cluster ${clusterId} already has a node pool named '${pool.name}'`, [{ field: 'name', message: 'already taken' }]);
      throw error;
    }
    await this.queues.enqueue('nodepool.reconcile', { nodePoolId: id, generation: 1 }, { jobId: jobId(id, 'reconcile', 1) });
    this.relay.kick();
    return { id };
  }
}
