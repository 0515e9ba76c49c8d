import { Injectable } from '@nestjs/common';
import { AppError, type ParsedCommandRequest, type TenantConfigRecord } from '@clusterplane/contracts';
import type { CommandHandler } from '@clusterplane/messaging';
import { isUniqueViolation, PrismaService, toTenantConfigRecord } from '@clusterplane/persistence';
import { TenantRegistry } from '../clusters/tenant-registry';

/**
 * `tenant-config.create`: an environment, container registry or cluster integration of the
 * caller's tenant. Nothing outside the tenant's own manifests listens for these, so no event.
 */
@Injectable()
export class CreateTenantConfigHandler implements CommandHandler<'tenant-config.create'> {
  readonly command = 'tenant-config.create' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly tenants: TenantRegistry,
  ) {}

  async handle({ actor, item }: ParsedCommandRequest<'tenant-config.create'>): Promise<TenantConfigRecord> {
    await this.tenants.ensure(actor.tenantId, actor.tenantSlug);
    const tenantId = actor.tenantId;
    try {
      switch (item.kind) {
        case 'environment':
          return toTenantConfigRecord(item.kind, item.key, await this.prisma.environment.create({ data: { tenantId, name: item.key } }));
        case 'container-registry':
          return toTenantConfigRecord(item.kind, item.key, await this.prisma.containerRegistry.create({ data: { tenantId, fqn: item.key } }));
        case 'cluster-integration':
          return toTenantConfigRecord(item.kind, item.key, await this.prisma.clusterIntegration.create({ data: { tenantId, fqn: item.key, provider: item.provider } }));
      }
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('already_exists', `${item.kind} '${item.key}' already exists`, [{ field: item.kind === 'environment' ? 'name' : 'fqn', message: 'already exists' }]);
      throw error;
    }
  }
}
