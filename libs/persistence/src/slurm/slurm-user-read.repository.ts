import { Injectable } from '@nestjs/common';
import type { SlurmUser } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';

/** Query side of a Slurm cluster's users; the primary key `(cluster_id, username)` serves both. */
@Injectable()
export class SlurmUserReadRepository {
  constructor(private readonly prisma: PrismaService) {}

  async find(clusterId: string, username: string): Promise<SlurmUser | null> {
    return this.prisma.slurmUser.findUnique({ where: { clusterId_username: { clusterId, username } } });
  }

  async list(clusterId: string): Promise<SlurmUser[]> {
    return this.prisma.slurmUser.findMany({ where: { clusterId }, orderBy: { username: 'asc' } });
  }
}
