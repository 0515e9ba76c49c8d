import { Injectable } from '@nestjs/common';
import { AppError, type CommandReply, type ParsedCommandRequest, type TenantConfigKind } from '@clusterplane/contracts';
import type { CommandHandler } from '@clusterplane/messaging';
import { PrismaService, type TransactionClient } from '@clusterplane/persistence';

/**
 * `tenant-config.delete`: refused (409) while a live cluster's manifest names the record, so
 * no applied manifest is left pointing at nothing. The record is locked first, so an apply
 * naming it either commits before this check or waits and then finds it gone.
 */
@Injectable()
export class DeleteTenantConfigHandler implements CommandHandler<'tenant-config.delete'> {
  readonly command = 'tenant-config.delete' as const;

  constructor(private readonly prisma: PrismaService) {}

  async handle({ actor, kind, key }: ParsedCommandRequest<'tenant-config.delete'>): Promise<CommandReply<'tenant-config.delete'>> {
    await this.prisma.$transaction(async (tx) => {
      if (!(await lockRecord(tx, actor.tenantId, kind, key))) throw AppError.notFound(`${kind} '${key}'`);
      const [user] = await tx.$queryRaw<{ name: string }[]>`
        SELECT name FROM clusters
        WHERE tenant_id = ${actor.tenantId} AND deleted_at IS NULL AND (
          (${kind} = 'environment' AND manifest->'environment_names' @> jsonb_build_array(${key}::text)) OR
          (${kind} = 'container-registry' AND manifest->>'default_registry_fqn' = ${key}) OR
          (${kind} = 'cluster-integration' AND manifest->>'cluster_integration_fqn' = ${key}))
        LIMIT 1`;
      if (user) throw new AppError('failed_precondition', `${kind} '${key}' is used by cluster '${user.name}'`);
      await removeRecord(tx, actor.tenantId, kind, key);
    });
    return { kind, key };
  }
}

async function lockRecord(tx: TransactionClient, tenantId: number, kind: TenantConfigKind, key: string): Promise<boolean> {
  const rows =
    kind === 'environment'
      ? await tx.$queryRaw<unknown[]>`SELECT 1 FROM environments WHERE tenant_id = ${tenantId} AND name = ${key} FOR UPDATE`
      : kind === 'container-registry'
        ? await tx.$queryRaw<unknown[]>`SELECT 1 FROM container_registries WHERE tenant_id = ${tenantId} AND fqn = ${key} FOR UPDATE`
        : await tx.$queryRaw<unknown[]>`SELECT 1 FROM cluster_integrations WHERE tenant_id = ${tenantId} AND fqn = ${key} FOR UPDATE`;
  return rows.length > 0;
}

async function removeRecord(tx: TransactionClient, tenantId: number, kind: TenantConfigKind, key: string): Promise<void> {
  if (kind === 'environment') await tx.environment.delete({ where: { tenantId_name: { tenantId, name: key } } });
  else if (kind === 'container-registry') await tx.containerRegistry.delete({ where: { tenantId_fqn: { tenantId, fqn: key } } });
  else await tx.clusterIntegration.delete({ where: { tenantId_fqn: { tenantId, fqn: key } } });
}
