import { Injectable } from '@nestjs/common';
import type { ClusterView } from '@clusterplane/contracts';
import { PrismaService } from '../prisma.service';
import { toClusterView } from './cluster-view.mapper';

export interface ClusterListOptions {
  includeRequestedForDelete: boolean;
}

/** Query side of clusters for the gateway (CQRS): reads only, tenant-scoped, live rows only. */
@Injectable()
export class ClusterReadRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findLive(tenantId: number, clusterId: string): Promise<ClusterView | null> {
    const row = await this.prisma.cluster.findFirst({ where: { id: clusterId, tenantId, deletedAt: null } });
    return row ? toClusterView(row) : null;
  }

  /** Ordered by creation (the `(tenant_id, created_at, id)` index) so pages are stable. */
  async list(tenantId: number, options: ClusterListOptions): Promise<ClusterView[]> {
    const rows = await this.prisma.cluster.findMany({
      where: { tenantId, deletedAt: null, ...(options.includeRequestedForDelete ? {} : { deleteRequestedAt: null }) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toClusterView);
  }

  /** What the agent route needs to authenticate a report and answer with pending commands. */
  async findAgentCredentials(clusterId: string) {
    return this.prisma.cluster.findUnique({
      where: { id: clusterId },
      select: { id: true, tenantId: true, secretVersion: true, secretRevokedAt: true, deletedAt: true, deleteRequestedAt: true, uninstallAckedAt: true },
    });
  }
}
