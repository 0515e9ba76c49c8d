import { Injectable } from '@nestjs/common';
import { PrismaService } from '@clusterplane/persistence';
import type { FinalizingCluster } from '../clusters/finalizing-cluster';
import type { FinalizerStep, StepOutcome } from './finalizer-step';

/**
 * Retires the cluster's node pools and their nodes in one transaction; the machines behind
 * them are provider resources and go in the provider-infrastructure step that follows.
 */
@Injectable()
export class NodePoolsStep implements FinalizerStep {
  readonly finalizer = 'node-pools' as const;

  constructor(private readonly prisma: PrismaService) {}

  async run(cluster: FinalizingCluster): Promise<StepOutcome> {
    await this.prisma.$transaction(async (tx) => {
      const pools = await tx.nodePool.findMany({ where: { clusterId: cluster.id, deletedAt: null }, select: { id: true } });
      if (pools.length === 0) return;
      const ids = pools.map((p) => p.id);
      await tx.node.updateMany({ where: { nodePoolId: { in: ids } }, data: { state: 'deleted' } });
      await tx.nodePool.updateMany({ where: { id: { in: ids } }, data: { deletedAt: new Date(), phase: 'Deleted' } });
    });
    return { done: true };
  }
}
