import { randomInt } from 'node:crypto';
import { PrismaService } from '@clusterplane/persistence';
import { HealthRegistry, type BaseConfig } from '@clusterplane/platform';
import { TenantRegistry } from './tenant-registry';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/clusterplane_test';
const ROUNDS = 20;
const PROCESSES = 4;

/**
 * Several provisioning replicas see a new tenant's first requests at the same moment. Each
 * replica is its own TenantRegistry on its own pool, as separate processes would be.
 */
describe('TenantRegistry against Postgres', () => {
  const prismas = Array.from({ length: PROCESSES }, () => new PrismaService({ databaseUrl: DATABASE_URL, dbPoolSize: 4 } as BaseConfig, new HealthRegistry()));
  const created: number[] = [];
  const newTenant = () => {
    const id = 800_000_000 + randomInt(100_000_000);
    created.push(id);
    return { id, slug: `race-${id}` };
  };

  afterAll(async () => {
    await prismas[0]!.pool.query('DELETE FROM environments WHERE tenant_id = ANY($1::int[])', [created]);
    await prismas[0]!.pool.query('DELETE FROM tenants WHERE id = ANY($1::int[])', [created]);
    await Promise.all(prismas.map((p) => p.$disconnect()));
  });

  it(`creates a tenant once, with its environments, when ${PROCESSES} replicas ensure it at the same moment (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const tenant = newTenant();
      const registries = prismas.map((p) => new TenantRegistry(p));
      // Each replica gets three concurrent first requests: they share its one insert.
      const outcomes = await Promise.allSettled(registries.flatMap((r) => [1, 2, 3].map(() => r.ensure(tenant.id, tenant.slug))));
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      const { rows } = await prismas[0]!.pool.query('SELECT (SELECT count(*)::int FROM tenants WHERE id = $1) AS tenants, (SELECT count(*)::int FROM environments WHERE tenant_id = $1) AS environments', [tenant.id]);
      expect(rows[0].tenants).toBe(1);
      expect(rows[0].environments).toBeGreaterThan(0);
    }
  });

  it('refuses a slug that belongs to another tenant id with a clear error, and remembers nothing', async () => {
    const owner = newTenant();
    await new TenantRegistry(prismas[0]!).ensure(owner.id, owner.slug);
    const impostor = newTenant();
    const registry = new TenantRegistry(prismas[1]!);
    await expect(registry.ensure(impostor.id, owner.slug)).rejects.toMatchObject({ code: 'already_exists' });
    // Not remembered as ensured: once the slug is free, the next request creates the tenant.
    await prismas[0]!.pool.query('UPDATE tenants SET slug = $2 WHERE id = $1', [owner.id, `${owner.slug}-renamed`]);
    await expect(registry.ensure(impostor.id, owner.slug)).resolves.toBeUndefined();
  });
});
