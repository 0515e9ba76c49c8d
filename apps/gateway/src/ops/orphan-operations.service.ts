import { Injectable } from '@nestjs/common';
import { jobId } from '@clusterplane/contracts';
import { PrismaService } from '@clusterplane/persistence';
import { QueueRegistry } from '@clusterplane/queues';

/** What forced deletes left behind and the cleanup has not collected yet. */
@Injectable()
export class OrphanOperations {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
  ) {}

  async uncollected(limit: number) {
    const rows = await this.prisma.orphanedResource.findMany({ where: { collectedAt: null }, orderBy: { createdAt: 'asc' }, take: limit });
    return rows.map((o) => ({ id: o.id, clusterId: o.clusterId, tenantId: o.tenantId, kind: o.kind, externalId: o.externalId, provider: o.provider, attempts: o.attempts, lastError: o.lastError, createdAt: o.createdAt.toISOString() }));
  }

  /** Ensures a collection job for every cluster with uncollected orphans (replacing a failed one). */
  async collectNow(): Promise<{ clusters: number; enqueued: number }> {
    const clusters = await this.prisma.orphanedResource.findMany({ where: { collectedAt: null, clusterId: { not: null } }, select: { clusterId: true }, distinct: ['clusterId'] });
    let enqueued = 0;
    for (const { clusterId } of clusters) {
      if (await this.queues.ensureJob('orphans.collect', { clusterId: clusterId! }, { jobId: jobId(clusterId!, 'collect-orphans') })) enqueued++;
    }
    return { clusters: clusters.length, enqueued };
  }
}
