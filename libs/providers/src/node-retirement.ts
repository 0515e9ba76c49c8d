import { Inject, Injectable } from '@nestjs/common';
import { PrismaService } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, type ClusterProvider } from './cluster-provider';
import { deleteKeyFor } from './delete-key';

/**
 * Takes one node out of service: draining (Slurm sees it DRAIN), its machine deleted at the
 * provider, then retired. Whoever retires a node (a scale-down, a pool delete) goes through
 * here, and the drain reads the machine id in the same statement that marks the node, so a
 * creation finishing at that moment either is seen here or sees the node draining and
 * releases its machine itself (see `ReconcileNodePoolJob`).
 */
@Injectable()
export class NodeRetirement {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  async retire(nodeId: string): Promise<void> {
    const [node] = await this.prisma.$queryRaw<{ instance_id: string | null }[]>`
      UPDATE nodes SET state = 'draining', slurm_states = ARRAY['IDLE', 'DRAIN'], reason = 'node is being removed', updated_at = now()
      WHERE id = ${nodeId}::uuid AND state <> 'deleted'
      RETURNING instance_id`;
    if (!node) return;
    if (node.instance_id) await this.releaseMachine(node.instance_id);
    await this.prisma.node.update({ where: { id: nodeId }, data: { state: 'deleted', instanceId: null, conditions: [] } });
  }

  /** Deletes a node's machine with the one key every deleter of it uses. */
  async releaseMachine(externalId: string): Promise<void> {
    const machine = { kind: 'node', externalId, provider: this.provider.name };
    await this.provider.deleteResource(machine, deleteKeyFor(machine));
  }
}
