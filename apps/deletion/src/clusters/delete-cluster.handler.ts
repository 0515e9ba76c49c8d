import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, jobId, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { finalizersFor, resolveDeleteMode } from '@clusterplane/domain';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, PrismaService, type TransactionClient } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, deleteKeyFor, type ClusterProvider } from '@clusterplane/providers';
import { QueueRegistry } from '@clusterplane/queues';

interface LockedCluster {
  id: string;
  tenant_id: number;
  origin: 'registered' | 'managed';
  agent_version: string | null;
  delete_requested_at: Date | null;
}

type DeleteReply = CommandReply<'cluster.delete'>;

/**
 * `cluster.delete` (SPEC section 5). Graceful: one transaction records the request and its
 * finalizers, then a job clears them. Forced: one transaction marks the cluster deleted and
 * records every external resource as an orphan; the answer comes after that commit.
 */
@Injectable()
export class DeleteClusterHandler implements CommandHandler<'cluster.delete'> {
  readonly command = 'cluster.delete' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  async handle({ actor, clusterId, mode }: ParsedCommandRequest<'cluster.delete'>): Promise<DeleteReply> {
    const reply = await this.prisma.$transaction(async (tx) => {
      const [cluster] = await tx.$queryRaw<LockedCluster[]>`
        SELECT id, tenant_id, origin, agent_version, delete_requested_at FROM clusters
        WHERE id = ${clusterId}::uuid AND tenant_id = ${actor.tenantId} AND deleted_at IS NULL
        FOR UPDATE`;
      if (!cluster) throw AppError.notFound(`cluster ${clusterId}`);
      const effective = resolveDeleteMode(mode, cluster.agent_version);
      return effective === 'graceful' ? this.requestGraceful(tx, cluster) : this.forceDelete(tx, cluster);
    });

    if (reply.started) {
      const job = reply.mode === 'graceful' ? 'cluster.finalize' : 'orphans.collect';
      await this.queues.enqueue(job, { clusterId }, { jobId: jobId(clusterId, job === 'cluster.finalize' ? 'finalize' : 'collect-orphans') });
      this.relay.kick();
    }
    return reply;
  }

  private async requestGraceful(tx: TransactionClient, cluster: LockedCluster): Promise<DeleteReply> {
    // Repeating a graceful delete answers the same and starts nothing new.
    if (cluster.delete_requested_at) return { clusterId: cluster.id, mode: 'graceful', started: false };
    await tx.$executeRaw`
      UPDATE clusters SET delete_requested_at = now(), delete_mode = 'graceful', phase = 'Deleting', finalizers = ${finalizersFor(cluster.origin)}::text[], updated_at = now()
      WHERE id = ${cluster.id}::uuid`;
    await appendOutboxEvent(tx, { type: 'cluster.delete-requested', tenantId: cluster.tenant_id, resourceType: 'cluster', resourceId: cluster.id, data: { mode: 'graceful' } });
    return { clusterId: cluster.id, mode: 'graceful', started: true };
  }

  /** Also upgrades a graceful delete in progress: whatever finalizers remain become orphans. */
  private async forceDelete(tx: TransactionClient, cluster: LockedCluster): Promise<DeleteReply> {
    const now = new Date();
    const resources = await this.provider.listResources(cluster.id);
    await tx.cluster.update({
      where: { id: cluster.id },
      data: { deletedAt: now, deleteRequestedAt: cluster.delete_requested_at ?? now, deleteMode: 'forced', phase: 'Deleted', finalizers: [], secretRevokedAt: now },
    });
    if (resources.length > 0) {
      await tx.orphanedResource.createMany({
        data: resources.map((r) => ({
          id: randomUUID(),
          tenantId: cluster.tenant_id,
          clusterId: cluster.id,
          kind: r.kind,
          externalId: r.externalId,
          provider: r.provider,
          idempotencyKey: deleteKeyFor(r),
        })),
        skipDuplicates: true,
      });
    }
    await appendOutboxEvent(tx, { type: 'cluster.deleted', tenantId: cluster.tenant_id, resourceType: 'cluster', resourceId: cluster.id, data: { mode: 'forced', orphans: resources.length } });
    return { clusterId: cluster.id, mode: 'forced', started: true };
  }
}
