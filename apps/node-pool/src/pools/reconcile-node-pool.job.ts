import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { jobId, type JobOf } from '@clusterplane/contracts';
import { OutboxRelayService } from '@clusterplane/messaging';
import { appendOutboxEvent, PrismaService, type Cluster, type NodePool } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, NodeRetirement, ProvisioningFence, type ClusterProvider, type ResourceTags } from '@clusterplane/providers';
import { QueueRegistry, type JobHandler } from '@clusterplane/queues';
import { machineTypeOf, readyNodeFields, type NodeRole } from './node-status';

/**
 * Converges a pool on its desired count. Scaling up inserts the node row first (the checkpoint;
 * its id keys the provider call, so a retry creates nothing twice), then asks the provider,
 * then marks it ready. Scaling down drains the highest ordinals first, deletes them at the
 * provider, then retires them. A newer generation (a later PATCH, or a delete) supersedes this
 * job: it checks before each node and stops. A Slurm pool's login nodes are kept alongside.
 */
@Injectable()
export class ReconcileNodePoolJob implements JobHandler<'nodepool.reconcile'> {
  readonly job = 'nodepool.reconcile' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
    private readonly fence: ProvisioningFence,
    private readonly retirement: NodeRetirement,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  async handle({ nodePoolId, generation }: JobOf<'nodepool.reconcile'>): Promise<void> {
    const pool = await this.prisma.nodePool.findUnique({ where: { id: nodePoolId }, include: { cluster: true } });
    if (!pool || pool.deletedAt || pool.cluster.deletedAt || pool.cluster.deleteRequestedAt) return;
    if (pool.generation !== generation || pool.phase === 'Deleting') return; // a newer desired count has its own job; a delete owns the pool

    await this.prisma.nodePool.updateMany({ where: { id: pool.id, generation, phase: { notIn: ['Scaling', 'Deleting'] } }, data: { phase: 'Scaling' } });
    if (!(await this.scaleUp(pool, pool.cluster))) return; // the cluster or pool is being deleted, or a newer generation took over
    await this.scaleDown(pool);
    await this.finish(pool, pool.cluster);
  }

  async onFinalFailure({ nodePoolId, generation }: JobOf<'nodepool.reconcile'>, error: Error): Promise<void> {
    const pool = await this.prisma.nodePool.findUnique({ where: { id: nodePoolId }, include: { cluster: true } });
    if (!pool || pool.generation !== generation) return;
    await this.prisma.$transaction(async (tx) => {
      await tx.nodePool.update({ where: { id: pool.id }, data: { phase: 'Failed' } });
      await appendOutboxEvent(tx, { type: 'nodepool.failed', tenantId: pool.cluster.tenantId, resourceType: 'nodepool', resourceId: pool.id, data: { clusterId: pool.clusterId, reason: error.message.slice(0, 500) } });
      // A pool failing while its cluster is being provisioned fails the cluster too.
      const { count } = await tx.cluster.updateMany({ where: { id: pool.clusterId, phase: { in: ['Pending', 'Provisioning'] } }, data: { phase: 'Failed', phaseReason: `node pool ${pool.name}: ${error.message}`.slice(0, 500) } });
      if (count > 0) {
        await appendOutboxEvent(tx, { type: 'cluster.failed', tenantId: pool.cluster.tenantId, resourceType: 'cluster', resourceId: pool.clusterId, data: { reason: `node pool ${pool.name}: ${error.message}`.slice(0, 500) } });
      }
    });
    this.relay.kick();
  }

  private async scaleUp(pool: NodePool, cluster: Cluster): Promise<boolean> {
    const wanted: { name: string; ordinal: number; role: NodeRole }[] = [
      ...Array.from({ length: pool.desiredCount }, (_, ordinal) => ({ name: `${pool.name}-${ordinal}`, ordinal, role: 'worker' as const })),
      ...Array.from({ length: pool.loginNodes }, (_, ordinal) => ({ name: `${pool.name}-login-${ordinal}`, ordinal, role: 'login' as const })),
    ];
    for (const { name, ordinal, role } of wanted) {
      if (!(await this.stillCurrent(pool))) return false;
      await this.prisma.$executeRaw`
        INSERT INTO nodes (id, node_pool_id, name, ordinal, role, state, updated_at)
        VALUES (${randomUUID()}::uuid, ${pool.id}::uuid, ${name}, ${ordinal}, ${role}, 'provisioning', now())
        ON CONFLICT (node_pool_id, name) DO UPDATE
          -- A name coming back after a scale-down is a new machine: a new id, hence a new provider key.
          SET id = EXCLUDED.id, state = 'provisioning', created_at = now(), updated_at = now()
          WHERE nodes.state = 'deleted'`;
      const node = await this.prisma.node.findUniqueOrThrow({ where: { nodePoolId_name: { nodePoolId: pool.id, name } } });
      if (node.state !== 'provisioning') continue; // ready, or being retired by a newer generation
      const provisioned = await this.provider.createNode(
        { clusterId: cluster.id, nodePoolId: pool.id, name, instanceType: machineTypeOf(pool, role), tags: cluster.tags as ResourceTags },
        `node/${node.id}/create`,
      );
      if (await this.fence.releaseIfDeleting(cluster.id, provisioned)) return false;
      const { count } = await this.prisma.node.updateMany({
        where: { id: node.id, state: 'provisioning', nodePool: { deletedAt: null, phase: { not: 'Deleting' } } },
        data: readyNodeFields(provisioned, name, role, pool, cluster, new Date()),
      });
      if (count === 0 && !(await this.finishedElsewhere(node.id, provisioned.externalId))) return false;
    }
    return true;
  }

  /**
   * The node left `provisioning` while its machine was being built. If another job of the pool
   * made it ready with this same machine (same key, same machine), all is well. Otherwise it is
   * being retired (or its pool deleted) by someone who may have read no machine id, so the
   * machine is released here — with the one delete key, so a retirer that did see it adds nothing.
   */
  private async finishedElsewhere(nodeId: string, machine: string): Promise<boolean> {
    const node = await this.prisma.node.findUnique({ where: { id: nodeId }, select: { state: true, instanceId: true } });
    if (node?.state === 'ready' && node.instanceId === machine) return true;
    await this.retirement.releaseMachine(machine);
    await this.prisma.node.updateMany({ where: { id: nodeId, state: 'provisioning' }, data: { state: 'deleted' } });
    return false;
  }

  /** False once a later scale or a delete has given the pool a newer generation. */
  private async stillCurrent(pool: NodePool): Promise<boolean> {
    return (await this.prisma.nodePool.count({ where: { id: pool.id, generation: pool.generation, deletedAt: null, phase: { not: 'Deleting' } } })) > 0;
  }

  /** Surplus workers go highest ordinal first, each drained before its machine is deleted. */
  private async scaleDown(pool: NodePool): Promise<void> {
    const surplus = await this.prisma.node.findMany({ where: { nodePoolId: pool.id, role: 'worker', ordinal: { gte: pool.desiredCount }, state: { not: 'deleted' } }, orderBy: { ordinal: 'desc' }, select: { id: true } });
    for (const node of surplus) await this.retirement.retire(node.id);
  }

  private async finish(pool: NodePool, cluster: Cluster): Promise<void> {
    const became = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.nodePool.updateMany({ where: { id: pool.id, generation: pool.generation, deletedAt: null }, data: { phase: 'Ready' } });
      if (count === 0) return false;
      await appendOutboxEvent(tx, { type: 'nodepool.ready', tenantId: cluster.tenantId, resourceType: 'nodepool', resourceId: pool.id, data: { clusterId: cluster.id, count: pool.desiredCount, generation: pool.generation } });
      return true;
    });
    if (!became) return;
    this.relay.kick();
    if (cluster.phase === 'Pending' || cluster.phase === 'Provisioning' || !cluster.agentInstalledAt) {
      await this.queues.enqueue('cluster.ready-check', { clusterId: cluster.id }, { jobId: jobId(cluster.id, `ready-check-${pool.id}`, pool.generation) });
    }
  }
}
