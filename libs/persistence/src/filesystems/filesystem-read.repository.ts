import { Injectable } from '@nestjs/common';
import type { Filesystem } from '../generated/prisma/client';
import { creationPageArgs, type CreationPage } from '../pagination/creation-page';
import { PrismaService } from '../prisma.service';

/** Query side of filesystems: project-scoped, live rows only. */
@Injectable()
export class FilesystemReadRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findLive(projectId: string, filesystemId: string): Promise<Filesystem | null> {
    return this.prisma.filesystem.findFirst({ where: { id: filesystemId, projectId, deletedAt: null } });
  }

  /** Served by the `(project_id, created_at, id)` index. */
  async list(projectId: string, page?: CreationPage): Promise<Filesystem[]> {
    const { where, ...order } = creationPageArgs(page);
    return this.prisma.filesystem.findMany({ where: { projectId, deletedAt: null, ...where }, ...order });
  }
}
