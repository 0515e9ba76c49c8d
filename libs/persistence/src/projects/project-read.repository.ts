import { Injectable } from '@nestjs/common';
import type { Project } from '../generated/prisma/client';
import { creationPageArgs, type CreationPage } from '../pagination/creation-page';
import { PrismaService } from '../prisma.service';

/** Query side of projects: tenant-scoped, live rows only. */
@Injectable()
export class ProjectReadRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findLive(tenantId: number, projectId: string): Promise<Project | null> {
    return this.prisma.project.findFirst({ where: { id: projectId, tenantId, deletedAt: null } });
  }

  /** Served by the `(tenant_id, created_at, id)` index. */
  async list(tenantId: number, page?: CreationPage): Promise<Project[]> {
    const { where, ...order } = creationPageArgs(page);
    return this.prisma.project.findMany({ where: { tenantId, deletedAt: null, ...where }, ...order });
  }
}
