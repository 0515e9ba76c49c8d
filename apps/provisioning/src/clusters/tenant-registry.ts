import { Injectable } from '@nestjs/common';
import { AppError, DEFAULT_ENVIRONMENTS } from '@clusterplane/contracts';
import { isUniqueViolation, PrismaService } from '@clusterplane/persistence';

/**
 * A tenant and its default environments, created by one statement and only then: an
 * environment the tenant deleted later never comes back.
 */
const CREATE_TENANT = {
  name: 'tenant-create',
  text: `WITH created AS (INSERT INTO tenants (id, slug) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id)
         INSERT INTO environments (tenant_id, name) SELECT created.id, e.name FROM created CROSS JOIN unnest($3::text[]) AS e(name)`,
};

/**
 * Tenants are created on first use of a valid token. This process remembers the tenants it
 * has ensured, so the insert runs once per tenant, not once per request, and concurrent first
 * requests of a new tenant share that one insert.
 */
@Injectable()
export class TenantRegistry {
  private readonly ensured = new Map<number, Promise<void>>();

  constructor(private readonly prisma: PrismaService) {}

  ensure(tenantId: number, slug: string): Promise<void> {
    let ensured = this.ensured.get(tenantId);
    if (!ensured) {
      ensured = this.create(tenantId, slug).catch((error: unknown) => {
        this.ensured.delete(tenantId);
        throw error;
      });
      this.ensured.set(tenantId, ensured);
    }
    return ensured;
  }

  private async create(tenantId: number, slug: string, retried = false): Promise<void> {
    try {
      await this.prisma.pool.query({ ...CREATE_TENANT, values: [tenantId, slug, [...DEFAULT_ENVIRONMENTS]] });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another process created the tenant at the same moment and its row reached the slug's
      // unique index first (ON CONFLICT covers the id only). That row is committed by now, so
      // the insert, run again, finds the id and does nothing. A second violation means the
      // slug belongs to a tenant with another id.
      if (!retried) return this.create(tenantId, slug, true);
      throw new AppError('already_exists', `tenant slug '${slug}' already belongs to another tenant id`, [{ field: 'tenant_slug', message: 'already taken' }]);
    }
  }
}
