import { Injectable } from '@nestjs/common';
import type { Instance } from '../generated/prisma/client';
import { creationPageArgs, type CreationPage } from '../pagination/creation-page';
import { PrismaService } from '../prisma.service';

export type InstanceRecord = Instance & { filesystemIds: string[] };

const withFilesystems = { filesystems: { select: { filesystemId: true }, orderBy: { filesystemId: 'asc' as const } } };

function toRecord({ filesystems, ...instance }: Instance & { filesystems: { filesystemId: string }[] }): InstanceRecord {
  return { ...instance, filesystemIds: filesystems.map((f) => f.filesystemId) };
}

/** Query side of instances: project-scoped, live rows only (a deleting one shows until gone). */
@Injectable()
export class InstanceReadRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findLive(projectId: string, instanceId: string): Promise<InstanceRecord | null> {
    const row = await this.prisma.instance.findFirst({ where: { id: instanceId, projectId, deletedAt: null }, include: withFilesystems });
    return row ? toRecord(row) : null;
  }

  /** Served by the `(project_id, created_at, id)` index. */
  async list(projectId: string, page?: CreationPage): Promise<InstanceRecord[]> {
    const { where, ...order } = creationPageArgs(page);
    const rows = await this.prisma.instance.findMany({ where: { projectId, deletedAt: null, ...where }, ...order, include: withFilesystems });
    return rows.map(toRecord);
  }
}
