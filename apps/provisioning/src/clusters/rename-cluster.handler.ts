import { Injectable } from '@nestjs/common';
import { AppError, type ClusterView, type ParsedCommandRequest } from '@clusterplane/contracts';
import { clusterNameProblem } from '@clusterplane/domain';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, isUniqueViolation, PrismaService, toClusterView } from '@clusterplane/persistence';
import { SpecChangeFollowUp } from './spec-change-follow-up';

/**
 * `cluster.rename` (Run:ai PUT): a spec change, so it bumps `generation` and announces
 * `cluster.updated` in the same transaction, and provisioning still under way continues under
 * the new generation. Renaming to the current name changes nothing. A taken name is caught by
 * the live-name unique index, so two concurrent renames cannot both win. Like every spec
 * change, it is refused while the cluster is being deleted.
 */
@Injectable()
export class RenameClusterHandler implements CommandHandler<'cluster.rename'> {
  readonly command = 'cluster.rename' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    private readonly followUp: SpecChangeFollowUp,
  ) {}

  async handle({ actor, clusterId, name }: ParsedCommandRequest<'cluster.rename'>): Promise<ClusterView> {
    const problem = clusterNameProblem(name);
    if (problem) throw AppError.invalid(problem, [{ field: 'name', message: problem }]);

    let outcome;
    try {
      outcome = await this.prisma.$transaction(async (tx) => {
        const [locked] = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM clusters WHERE id = ${clusterId}::uuid AND tenant_id = ${actor.tenantId} AND deleted_at IS NULL FOR UPDATE`;
        if (!locked) throw AppError.notFound(`cluster ${clusterId}`);
        const current = await tx.cluster.findUniqueOrThrow({ where: { id: clusterId } });
        if (current.deleteRequestedAt) throw new AppError('failed_precondition', `cluster '${current.name}' is being deleted`);
        if (current.name === name) return { row: current, renamed: false };

        const updated = await tx.cluster.update({ where: { id: clusterId }, data: { name, generation: { increment: 1 } } });
        await appendOutboxEvent(tx, {
          type: 'cluster.updated',
          tenantId: actor.tenantId,
          resourceType: 'cluster',
          resourceId: clusterId,
          data: { generation: updated.generation, changes: { name: { from: current.name, to: name } }, updatedBy: actor.subject },
        });
        return { row: updated, renamed: true };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('already_exists', `a cluster named '${name}' already exists`, [{ field: 'name', message: 'already taken' }]);
      throw error;
    }
    if (outcome.renamed) {
      await this.followUp.afterGenerationBump(outcome.row);
      this.relay.kick();
    }
    return toClusterView(outcome.row);
  }
}
