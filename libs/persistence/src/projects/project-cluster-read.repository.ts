import { Injectable } from '@nestjs/common';
import type { Cluster, ClusterKind } from '../generated/prisma/client';
import { creationPageArgs, type CreationPage } from '../pagination/creation-page';
import { PrismaService } from '../prisma.service';

/**
 * Clusters as a project sees them (Fluidstack): one kind at a time, live rows only; a cluster
 * being deleted still answers until it is gone.
 */
@Injectable()
export class ProjectClusterReadRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findLive(projectId: string, kind: ClusterKind, clusterId: string): Promise<Cluster | null> {
    return this.prisma.cluster.findFirst({ where: { id: clusterId, projectId, kind, deletedAt: null } });
  }

  /** Served by the `(project_id, created_at, id)` index. */
  async list(projectId: string, kind: ClusterKind, page?: CreationPage): Promise<Cluster[]> {
    const { where, ...order } = creationPageArgs(page);
    return this.prisma.cluster.findMany({ where: { projectId, kind, deletedAt: null, ...where }, ...order });
  }
}
