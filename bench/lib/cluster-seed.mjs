// Tenants full of clusters for the read benchmarks, written by one INSERT … SELECT
// generate_series (100 000 rows in seconds; through the API it would take minutes). The rows
// look like a real fleet: a spread of agent versions, domains, creation times and agent reports.

/** Tenants the read benchmarks use; the agent benchmark's tenant (990 001) stays apart. */
export const BENCH_TENANTS = {
  large: { id: 990_101, slug: 'bench-large' },
  small: { id: 990_102, slug: 'bench-small' },
  writer: { id: 990_103, slug: 'bench-writer' },
};

/** Agent versions the seeded clusters report, round robin. */
export const SEEDED_VERSIONS = ['2.18', '2.20', '2.22', '2.24'];

export async function ensureTenant(db, tenant) {
  await db.query('INSERT INTO tenants (id, slug) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [tenant.id, tenant.slug]);
}

/**
 * Makes sure `tenant` has `count` live clusters (adding only the missing ones, so scenarios
 * sharing a tenant seed it once) and refreshes the planner's statistics.
 */
export async function ensureClusters(db, tenant, count) {
  await ensureTenant(db, tenant);
  const { rows } = await db.query('SELECT count(*)::int AS n FROM clusters WHERE tenant_id = $1 AND deleted_at IS NULL', [tenant.id]);
  const missing = count - rows[0].n;
  if (missing <= 0) return { added: 0 };
  // Created one second apart, oldest first; every tenth cluster never reported, the others did
  // (a report with an ingress class), a third have a domain.
  await db.query(
    `INSERT INTO clusters (id, tenant_id, name, origin, phase, agent_version, domain, state, last_liveness, last_reported_at,
                           reported_status, created_by, created_at, updated_at)
     SELECT gen_random_uuid(), $1, $2 || '-' || lpad(g::text, 6, '0'), 'registered', 'Ready',
            ($4::text[])[1 + g % cardinality($4::text[])],
            CASE WHEN g % 3 = 0 THEN 'c' || g || '.gpu.example.com' END,
            'Connected',
            CASE WHEN g % 10 <> 0 THEN now() END,
            CASE WHEN g % 10 <> 0 THEN now() END,
            CASE WHEN g % 10 <> 0 THEN jsonb_build_object('config', jsonb_build_object('ingressClass', 'nginx'), 'conditions', jsonb_build_array()) END,
            'bench', now() - make_interval(secs => $3 + $5 - g), now()
     FROM generate_series($3 + 1, $3 + $5) g`,
    [tenant.id, tenant.slug, rows[0].n, SEEDED_VERSIONS, missing],
  );
  await db.query('ANALYZE clusters');
  return { added: missing };
}

/** `n` of the tenant's live clusters ({id, name}) at random, to spread reads over its whole history. */
export async function sampleClusters(db, tenant, n) {
  const { rows } = await db.query('SELECT id, name FROM clusters WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY random() LIMIT $2', [tenant.id, n]);
  return rows;
}

/** Clusters the create benchmark made, so a later run starts from the same table. */
export async function removeClusters(db, tenant) {
  await db.query('DELETE FROM outbox_events WHERE tenant_id = $1', [tenant.id]);
  await db.query('DELETE FROM resource_steps WHERE resource_id IN (SELECT id FROM clusters WHERE tenant_id = $1)', [tenant.id]);
  await db.query('DELETE FROM provider_effects WHERE resource_id IN (SELECT id::text FROM clusters WHERE tenant_id = $1)', [tenant.id]);
  await db.query('DELETE FROM clusters WHERE tenant_id = $1', [tenant.id]);
}

