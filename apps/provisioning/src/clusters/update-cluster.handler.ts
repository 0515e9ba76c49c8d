import { Injectable } from '@nestjs/common';
import { AppError, type ClusterView, type ParsedCommandRequest } from '@clusterplane/contracts';
import { sameJson } from '@clusterplane/domain';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, PrismaService, toClusterView, type Prisma } from '@clusterplane/persistence';
import { SpecChangeFollowUp } from './spec-change-follow-up';

/** The kind of a provider block: its one key (`eksCluster`, `fakeCluster`). */
const blockKind = (config: unknown): string | undefined =>
  config && typeof config === 'object' && !Array.isArray(config) ? Object.keys(config)[0] : undefined;

/**
 * `cluster.update` (Fireworks PATCH): display name and provider block. The block keeps its
 * kind, because the kind decided the cluster's origin (an eksCluster is registered, a
 * fakeCluster managed). A real change bumps `generation` and writes `cluster.updated` in the
 * same transaction; sending the current values changes nothing.
 */
@Injectable()
export class UpdateClusterHandler implements CommandHandler<'cluster.update'> {
  readonly command = 'cluster.update' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    private readonly followUp: SpecChangeFollowUp,
  ) {}

  async handle({ actor, clusterId, displayName, providerConfig }: ParsedCommandRequest<'cluster.update'>): Promise<ClusterView> {
    const { row, changed } = await this.prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM clusters WHERE id = ${clusterId}::uuid AND tenant_id = ${actor.tenantId} AND deleted_at IS NULL FOR UPDATE`;
      if (!locked) throw AppError.notFound(`cluster ${clusterId}`);
      const current = await tx.cluster.findUniqueOrThrow({ where: { id: clusterId } });
      if (current.deleteRequestedAt) throw new AppError('failed_precondition', `cluster '${current.name}' is being deleted`);
      if (providerConfig && blockKind(providerConfig) !== blockKind(current.providerConfig)) {
        const had = blockKind(current.providerConfig);
        throw new AppError('failed_precondition', had ? `the cluster's provider block is ${had}; it cannot become ${blockKind(providerConfig)}` : `the cluster was not created with a provider block`, [
          { field: `cluster.${blockKind(providerConfig)}`, message: 'the provider block cannot change kind' },
        ]);
      }

      const changes: { displayName?: string | null; providerConfig?: Prisma.InputJsonObject } = {};
      if (displayName !== undefined && displayName !== current.displayName) changes.displayName = displayName;
      if (providerConfig && !sameJson(providerConfig, current.providerConfig)) changes.providerConfig = providerConfig as Prisma.InputJsonObject;
      if (Object.keys(changes).length === 0) return { row: current, changed: false };

      const updated = await tx.cluster.update({ where: { id: clusterId }, data: { ...changes, generation: { increment: 1 } } });
      await appendOutboxEvent(tx, {
        type: 'cluster.updated',
        tenantId: actor.tenantId,
        resourceType: 'cluster',
        resourceId: clusterId,
        data: { generation: updated.generation, changes: Object.fromEntries(Object.keys(changes).map((field) => [field, true])), updatedBy: actor.subject },
      });
      return { row: updated, changed: true };
    });
    if (changed) {
      await this.followUp.afterGenerationBump(row);
      this.relay.kick();
    }
    return toClusterView(row);
  }
}
