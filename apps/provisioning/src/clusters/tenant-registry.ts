import { Injectable } from '@nestjs/common';
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
    await this.prisma.$executeRaw`INSERT INTO tenants (id, slug) VALUES (${tenantId}, ${slug}) ON CONFLICT (id) DO NOTHING`;
    this.known.add(tenantId);
  }
}
