import { Injectable } from '@nestjs/common';
import { DEFAULT_ENVIRONMENTS, type TenantConfigKind, type TenantConfigRecord } from '@clusterplane/contracts';
import { PrismaService } from '../prisma.service';
import { toTenantConfigRecord } from './tenant-config.mapper';

/** A tenant's environments, container registries and cluster integrations, oldest first. */
@Injectable()
export class TenantConfigReadRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(tenantId: number, kind: TenantConfigKind): Promise<TenantConfigRecord[]> {
    const orderBy = [{ createdAt: 'asc' as const }];
    switch (kind) {
      case 'environment': {
        const rows = await this.prisma.environment.findMany({ where: { tenantId }, orderBy: [...orderBy, { name: 'asc' }] });
        // A tenant is created by its first write, with the default environments; until then a
        // read shows the environments it will start with.
        if (rows.length === 0 && !(await this.prisma.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }))) {
          const now = new Date();
          return DEFAULT_ENVIRONMENTS.map((name) => toTenantConfigRecord(kind, name, { createdAt: now }));
        }
        return rows.map((row) => toTenantConfigRecord(kind, row.name, row));
      }
      case 'container-registry':
        return (await this.prisma.containerRegistry.findMany({ where: { tenantId }, orderBy: [...orderBy, { fqn: 'asc' }] })).map((row) => toTenantConfigRecord(kind, row.fqn, row));
      case 'cluster-integration':
        return (await this.prisma.clusterIntegration.findMany({ where: { tenantId }, orderBy: [...orderBy, { fqn: 'asc' }] })).map((row) => toTenantConfigRecord(kind, row.fqn, row));
    }
  }
}
