import { Injectable } from '@nestjs/common';
import { AppError, jobId, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { decideUpgrade } from '@clusterplane/domain';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, assertNotDeleting, lockProjectCluster, PrismaService } from '@clusterplane/persistence';
import { QueueRegistry } from '@clusterplane/queues';

const UPGRADABLE = ['Ready', 'Updating'];

/**
 * `cluster.upgrade` (Fluidstack PATCH `{version}`). In one transaction: the new version becomes
 * the cluster's spec, phase Updating, a new generation, and the pools keep the version their
 * nodes still run until the upgrade job reaches them. A later upgrade supersedes an earlier
 * one still running (the job carries its generation). Downgrades are refused.
 */
@Injectable()
export class UpgradeClusterHandler implements CommandHandler<'cluster.upgrade'> {
  readonly command = 'cluster.upgrade' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
  ) {}

  async handle({ actor, projectId, clusterId, version }: ParsedCommandRequest<'cluster.upgrade'>): Promise<CommandReply<'cluster.upgrade'>> {
    const generation = await this.prisma.$transaction(async (tx) => {
      const cluster = await lockProjectCluster(tx, { tenantId: actor.tenantId, projectId, clusterId, kind: 'kubernetes' }, 'FOR UPDATE');
      assertNotDeleting(cluster);
      if (cluster.origin !== 'managed') throw new AppError('failed_precondition', `cluster ${clusterId} is not managed here; upgrade it where it runs`);
      const decision = decideUpgrade(cluster.kubernetesVersion, version);
      if (decision.kind === 'refused') throw AppError.invalid(decision.reason, [{ field: 'version', message: decision.reason }]);
      if (decision.kind === 'unchanged') return null;
      if (!UPGRADABLE.includes(cluster.phase)) throw new AppError('failed_precondition', `cluster ${clusterId} is ${cluster.phase.toUpperCase()}; it can be upgraded once READY`);

      const next = cluster.generation + 1;
      await tx.cluster.update({ where: { id: clusterId }, data: { kubernetesVersion: decision.target, phase: 'Updating', phaseReason: null, generation: next } });
      await tx.nodePool.updateMany({ where: { clusterId, deletedAt: null, version: null }, data: { version: cluster.kubernetesVersion } });
      await appendOutboxEvent(tx, {
        type: 'cluster.updated',
        tenantId: actor.tenantId,
        resourceType: 'cluster',
        resourceId: clusterId,
        data: { generation: next, phase: 'Updating', kubernetesVersion: { from: cluster.kubernetesVersion, to: decision.target }, updatedBy: actor.subject },
      });
      return next;
    });
    if (generation === null) return { id: clusterId, started: false };
    await this.queues.enqueue('cluster.upgrade', { clusterId, generation }, { jobId: jobId(clusterId, 'upgrade', generation) });
    this.relay.kick();
    return { id: clusterId, started: true };
  }
}
