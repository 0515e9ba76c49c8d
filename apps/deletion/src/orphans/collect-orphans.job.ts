import { Inject, Injectable } from '@nestjs/common';
import type { JobOf } from '@clusterplane/contracts';
import { PrismaService } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, type ClusterProvider } from '@clusterplane/providers';
import type { JobHandler } from '@clusterplane/queues';

/**
 * Garbage-collects what a forced delete left behind. Each orphan is deleted with its own
 * idempotency key and marked collected; a failure is recorded on the orphan (visible to
 * operators) and the job retries with backoff until none remain.
 */
@Injectable()
export class CollectOrphansJob implements JobHandler<'orphans.collect'> {
  readonly job = 'orphans.collect' as const;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  async handle({ clusterId }: JobOf<'orphans.collect'>): Promise<void> {
    const orphans = await this.prisma.orphanedResource.findMany({ where: { clusterId, collectedAt: null } });
    const failures: string[] = [];
    for (const orphan of orphans) {
      try {
        await this.provider.deleteResource({ kind: orphan.kind, externalId: orphan.externalId, provider: orphan.provider }, orphan.idempotencyKey);
        await this.prisma.orphanedResource.update({ where: { id: orphan.id }, data: { collectedAt: new Date(), attempts: { increment: 1 }, lastError: null } });
      } catch (error) {
        const message = (error as Error).message;
        failures.push(`${orphan.externalId}: ${message}`);
        await this.prisma.orphanedResource.update({ where: { id: orphan.id }, data: { attempts: { increment: 1 }, lastError: message.slice(0, 500) } });
      }
    }
    if (failures.length > 0) throw new Error(`${failures.length} orphan(s) not collected yet: ${failures.join('; ')}`);
  }
}
