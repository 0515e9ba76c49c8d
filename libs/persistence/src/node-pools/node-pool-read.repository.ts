import { Injectable } from '@nestjs/common';
import type { Node, NodePool } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';

export type NodePoolRecord = NodePool & { nodes: Node[] };

/** Workers that exist or are on their way; retired nodes are history, not part of the pool. */
const liveWorkers = { nodes: { where: { role: 'worker', state: { not: 'deleted' } }, orderBy: { ordinal: 'asc' as const } } };

/** Query side of node pools and their nodes, per cluster. */
@Injectable()
export class NodePoolReadRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findLive(clusterId: string, nodePoolId: string): Promise<NodePoolRecord | null> {
    return this.prisma.nodePool.findFirst({ where: { id: nodePoolId, clusterId, deletedAt: null }, include: liveWorkers });
  }

  /** Served by the `(cluster_id, created_at, id)` index. */
  async list(clusterId: string): Promise<NodePoolRecord[]> {
    return this.prisma.nodePool.findMany({ where: { clusterId, deletedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], include: liveWorkers });
  }

  /** Login nodes of the clusters' live pools, in pool then ordinal order. */
  async loginNodes(clusterIds: string[]): Promise<(Node & { clusterId: string })[]> {
    if (clusterIds.length === 0) return [];
    const rows = await this.prisma.node.findMany({
      where: { role: 'login', state: { not: 'deleted' }, nodePool: { clusterId: { in: clusterIds }, deletedAt: null } },
      include: { nodePool: { select: { clusterId: true, createdAt: true } } },
    });
    rows.sort((a, b) => a.nodePool.createdAt.getTime() - b.nodePool.createdAt.getTime() || a.nodePoolId.localeCompare(b.nodePoolId) || a.ordinal - b.ordinal);
    return rows.map(({ nodePool, ...node }) => ({ ...node, clusterId: nodePool.clusterId }));
  }
}
