import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, jobId, type Actor, type ClusterManifest, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { manifestRuleViolations, primaryDomainOf, sameJson, truefoundryClusterTypeOf } from '@clusterplane/domain';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, type Cluster, isUniqueViolation, PrismaService, toClusterView, type TransactionClient } from '@clusterplane/persistence';
import { QueueRegistry } from '@clusterplane/queues';
import { checkManifestReferences } from './manifest-references';
import { SpecChangeFollowUp } from './spec-change-follow-up';
import { TenantRegistry } from './tenant-registry';

interface Applied {
  row: Cluster;
  created: boolean;
  /** False when the manifest equals the one applied before: nothing was written. */
  changed: boolean;
}

/** Thrown at the end of a dry run so the transaction rolls back everything it wrote. */
class DryRunRollback extends Error {
  constructor(readonly applied: Applied) {
    super('dry run');
  }
}

/**
 * `cluster.apply-manifest` (TrueFoundry, seed 000): creates the cluster the manifest names, or
 * updates the live one of that name. The rules that need only the manifest are checked first;
 * the rest run in the transaction that writes, under a lock on the cluster (and on the
 * integration it names). A dry run takes exactly the same path, writes included, and rolls
 * back at the end: every check runs, including the database's own, and nothing persists.
 */
@Injectable()
export class ApplyClusterManifestHandler implements CommandHandler<'cluster.apply-manifest'> {
  readonly command = 'cluster.apply-manifest' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
    private readonly tenants: TenantRegistry,
    private readonly followUp: SpecChangeFollowUp,
  ) {}

  async handle({ actor, manifest, dryRun }: ParsedCommandRequest<'cluster.apply-manifest'>): Promise<CommandReply<'cluster.apply-manifest'>> {
    const violations = manifestRuleViolations(manifest);
    if (violations.length > 0) throw new AppError('unprocessable', `manifest rejected: ${violations.map((v) => v.message).join('; ')}`, violations);
    // The tenant (and its default environments) exist from its first valid request on, dry or not.
    await this.tenants.ensure(actor.tenantId, actor.tenantSlug);

    const applied = await this.applyRacing(actor, manifest, dryRun);

    if (!dryRun && applied.created) {
      await this.queues.enqueue('cluster.provision', { clusterId: applied.row.id, generation: applied.row.generation }, { jobId: jobId(applied.row.id, 'provision', applied.row.generation) });
    } else if (!dryRun && applied.changed) {
      await this.followUp.afterGenerationBump(applied.row);
    }
    if (!dryRun && applied.changed) this.relay.kick();
    return { cluster: toClusterView(applied.row), created: applied.created };
  }

  /**
   * A concurrent apply (or create) of the same new name can commit between our read and our
   * insert; the live-name unique index stops ours, and applying again updates that cluster.
   */
  private async applyRacing(actor: Actor, manifest: ClusterManifest, dryRun: boolean): Promise<Applied> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applyOnce(actor, manifest, dryRun);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        if (attempt === 3) throw new AppError('already_exists', `cluster '${manifest.name}' is being changed concurrently; retry`, [{ field: 'manifest.name', message: 'changed concurrently' }]);
      }
    }
  }

  private async applyOnce(actor: Actor, manifest: ClusterManifest, dryRun: boolean): Promise<Applied> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const [locked] = await tx.$queryRaw<{ id: string }[]>`
          SELECT id FROM clusters WHERE tenant_id = ${actor.tenantId} AND name = ${manifest.name} AND deleted_at IS NULL FOR UPDATE`;
        const existing = locked ? await tx.cluster.findUniqueOrThrow({ where: { id: locked.id } }) : null;
        if (existing) assertUpdatable(existing, manifest);
        await checkManifestReferences(tx, actor.tenantId, manifest, existing?.id ?? null);
        const applied = existing ? await this.update(tx, actor, existing, manifest) : await this.create(tx, actor, manifest);
        if (dryRun) throw new DryRunRollback(applied);
        return applied;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.applied;
      throw error;
    }
  }

  private async create(tx: TransactionClient, actor: Actor, manifest: ClusterManifest): Promise<Applied> {
    const id = randomUUID();
    const row = await tx.cluster.create({
      data: {
        id,
        tenantId: actor.tenantId,
        name: manifest.name,
        origin: 'registered',
        kind: 'kubernetes',
        provider: manifest.cluster_type,
        domain: primaryDomainOf(manifest.base_domains),
        manifest,
        createdBy: actor.subject,
      },
    });
    await this.replaceCollaborators(tx, id, manifest);
    const data = { name: row.name, origin: row.origin, kind: row.kind, createdBy: actor.subject };
    await appendOutboxEvent(tx, { type: 'cluster.created', tenantId: actor.tenantId, resourceType: 'cluster', resourceId: id, data });
    return { row, created: true, changed: true };
  }

  private async update(tx: TransactionClient, actor: Actor, existing: Cluster, manifest: ClusterManifest): Promise<Applied> {
    if (sameJson(existing.manifest, manifest)) return { row: existing, created: false, changed: false };
    const row = await tx.cluster.update({
      where: { id: existing.id },
      data: { manifest, domain: primaryDomainOf(manifest.base_domains) ?? existing.domain, generation: { increment: 1 } },
    });
    await this.replaceCollaborators(tx, existing.id, manifest);
    const data = { generation: row.generation, changes: { manifest: true }, updatedBy: actor.subject };
    await appendOutboxEvent(tx, { type: 'cluster.updated', tenantId: actor.tenantId, resourceType: 'cluster', resourceId: existing.id, data });
    return { row, created: false, changed: true };
  }

  private async replaceCollaborators(tx: TransactionClient, clusterId: string, manifest: ClusterManifest): Promise<void> {
    await tx.collaborator.deleteMany({ where: { clusterId } });
    await tx.collaborator.createMany({ data: manifest.collaborators.map((c) => ({ clusterId, subject: c.subject, roleId: c.role_id })) });
  }
}

/** Seed 000's 409 on `cluster_type`; a cluster on its way out cannot be re-applied either. */
function assertUpdatable(existing: Cluster, manifest: ClusterManifest): void {
  if (existing.deleteRequestedAt) {
    throw new AppError('failed_precondition', `cluster '${existing.name}' is being deleted`, [{ field: 'manifest.name', message: 'a cluster of this name is being deleted' }]);
  }
  const current = truefoundryClusterTypeOf(existing.provider, existing.manifest as { cluster_type?: unknown } | null);
  if (current !== manifest.cluster_type) {
    throw new AppError('failed_precondition', `cluster_type is immutable: cluster '${existing.name}' is ${current}, not ${manifest.cluster_type}`, [
      { field: 'manifest.cluster_type', message: `cannot change from ${current} to ${manifest.cluster_type}` },
    ]);
  }
}
