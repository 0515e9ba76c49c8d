import { Injectable } from '@nestjs/common';
import { DEFAULT_ENVIRONMENTS } from '@clusterplane/contracts';
import { PrismaService } from '@clusterplane/persistence';

/**
 * Tenants are created on first use of a valid token. The set of tenants already known to
 * this process is kept so the upsert runs once per tenant, not once per request.
 */
@Injectable()
export class TenantRegistry {
  private readonly known = new Set<number>();

  constructor(private readonly prisma: PrismaService) {}

  async ensure(tenantId: number, slug: string): Promise<void> {
    if (this.known.has(tenantId)) return;
    // A tenant starts with the default environments, created by the statement that creates the
    // tenant and only then: an environment the tenant deleted later never comes back.
    await this.prisma.$executeRaw`
      WITH created AS (INSERT INTO tenants (id, slug) VALUES (${tenantId}, ${slug}) ON CONFLICT (id) DO NOTHING RETURNING id)
      INSERT INTO environments (tenant_id, name) SELECT created.id, e.name FROM created CROSS JOIN unnest(${[...DEFAULT_ENVIRONMENTS]}::text[]) AS e(name)`;
    this.known.add(tenantId);
  }
}
