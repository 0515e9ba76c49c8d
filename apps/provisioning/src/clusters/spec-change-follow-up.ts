import { Injectable } from '@nestjs/common';
import { jobId } from '@clusterplane/contracts';
import { PrismaService, type Cluster } from '@clusterplane/persistence';
import { QueueRegistry } from '@clusterplane/queues';

/**
 * After a spec change bumped a cluster's generation. Provisioning jobs carry the generation
 * they were started for and stop when it changed, so a cluster still provisioning continues
 * under the new one: every step is checkpointed per generation and keyed idempotently at the
 * provider, so the new job replays what is done without repeating an effect. A managed
 * cluster whose pools are already ready is re-checked too: a ready check that read the old
 * generation could not mark it Ready.
 */
@Injectable()
export class SpecChangeFollowUp {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
  ) {}

  async afterGenerationBump(cluster: Pick<Cluster, 'id' | 'generation' | 'phase' | 'origin'>): Promise<void> {
    if (cluster.phase !== 'Pending' && cluster.phase !== 'Provisioning') return;
    await this.queues.enqueue('cluster.provision', { clusterId: cluster.id, generation: cluster.generation }, { jobId: jobId(cluster.id, 'provision', cluster.generation) });
    // With no pools the provision job itself checks readiness once the control plane exists.
    if (cluster.origin !== 'managed' || (await this.prisma.nodePool.count({ where: { clusterId: cluster.id, deletedAt: null } })) === 0) return;
    await this.queues.enqueue('cluster.ready-check', { clusterId: cluster.id }, { jobId: jobId(cluster.id, 'ready-check', cluster.generation) });
  }
}
