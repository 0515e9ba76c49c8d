import type { Client } from 'pg';

/**
 * A fleet big enough that the planner picks the plans production would get: 20 000 clusters
 * over ten tenants (6 000 in one), each with a node pool of two workers, projects with
 * instances and filesystems, metric samples, a mostly published outbox, collected orphans and
 * job checkpoints. Written by INSERT … SELECT generate_series, then ANALYZE.
 */
export const PLAN_FLEET = {
  tenants: [910_001, 910_002, 910_003, 910_004, 910_005, 910_006, 910_007, 910_008, 910_009, 910_010],
  /** The tenant with 6 000 clusters, the one the queries read. */
  bigTenant: 910_001,
  clusters: 20_000,
  projects: 2_000,
  instances: 10_000,
  filesystems: 5_000,
} as const;

const SEED_SQL = `
INSERT INTO tenants (id, slug) SELECT t, 'plans-' || t FROM unnest($1::int[]) t;
INSERT INTO environments (tenant_id, name) SELECT t, e FROM unnest($1::int[]) t CROSS JOIN unnest(ARRAY['dev', 'staging', 'prod']) e;

INSERT INTO projects (id, tenant_id, name, created_at)
SELECT gen_random_uuid(), ($1::int[])[1 + g % cardinality($1::int[])], 'project-' || g, now() - make_interval(hours => g) FROM generate_series(1, ${PLAN_FLEET.projects}) g;

-- 30 % of the clusters in the first tenant; a fifth in projects (Fluidstack), a few being
-- deleted or gone, most Ready and Connected.
INSERT INTO clusters (id, tenant_id, project_id, name, kind, origin, phase, agent_version, domain, state, last_liveness, liveness_checkpoint, reported_status,
                      delete_requested_at, deleted_at, created_at, updated_at)
SELECT gen_random_uuid(),
       CASE WHEN g % 10 < 3 THEN ($1::int[])[1] ELSE ($1::int[])[2 + g % (cardinality($1::int[]) - 1)] END,
       CASE WHEN g % 5 = 4 THEN p.ids[1 + g % cardinality(p.ids)] END,
       'cluster-' || lpad(g::text, 6, '0'),
       (CASE WHEN g % 10 = 9 THEN 'slurm' ELSE 'kubernetes' END)::"ClusterKind",
       (CASE WHEN g % 3 = 0 THEN 'managed' ELSE 'registered' END)::"ClusterOrigin",
       (CASE WHEN g % 100 = 1 THEN 'Pending' WHEN g % 100 = 2 THEN 'Provisioning' WHEN g % 100 = 3 THEN 'Updating' ELSE 'Ready' END)::"ClusterPhase",
       (ARRAY['2.18', '2.20', '2.22', '2.24'])[1 + g % 4],
       CASE WHEN g % 3 = 0 THEN 'c' || g || '.example.com' END,
       CASE WHEN g % 10 = 0 THEN 'WaitingToConnect' ELSE 'Connected' END,
       CASE WHEN g % 10 <> 0 THEN now() - make_interval(secs => g % 120) END,
       CASE WHEN g % 10 <> 0 THEN now() - make_interval(secs => g % 120 + g % 40) END,
       CASE WHEN g % 10 <> 0 THEN '{"config": {"ingressClass": "nginx"}}'::jsonb END,
       CASE WHEN g % 100 = 50 THEN now() - interval '1 hour' END,
       CASE WHEN g % 100 = 60 THEN now() - interval '1 hour' END,
       now() - make_interval(secs => ${PLAN_FLEET.clusters} - g), now() - make_interval(secs => g % 3600)
FROM generate_series(1, ${PLAN_FLEET.clusters}) g, (SELECT array_agg(id ORDER BY created_at) AS ids FROM projects) p;

INSERT INTO node_pools (id, cluster_id, name, instance_type, desired_count, phase, created_at, updated_at)
SELECT gen_random_uuid(), id, 'pool-a', 'gpu.h100.8x', 2, CASE WHEN name LIKE '%777' THEN 'Scaling' ELSE 'Ready' END, created_at, updated_at FROM clusters;
INSERT INTO nodes (id, node_pool_id, name, ordinal, role)
SELECT gen_random_uuid(), p.id, p.name || '-' || o, o, CASE WHEN o = 2 AND c.kind = 'slurm' THEN 'login' ELSE 'worker' END
FROM node_pools p JOIN clusters c ON c.id = p.cluster_id CROSS JOIN generate_series(0, 2) o;
INSERT INTO slurm_users (cluster_id, username, ssh_keys) SELECT id, 'user-' || u, ARRAY['ssh-ed25519 AAAA'] FROM clusters CROSS JOIN generate_series(1, 2) u WHERE kind = 'slurm';

INSERT INTO instances (id, tenant_id, project_id, name, type, state, created_at, updated_at)
SELECT gen_random_uuid(), p.tenants[1 + g % cardinality(p.ids)], p.ids[1 + g % cardinality(p.ids)], 'vm-' || g, 'gpu.h100.1x', (CASE WHEN g % 50 = 0 THEN 'creating' ELSE 'running' END)::"InstanceState",
       now() - make_interval(secs => g), now() - make_interval(secs => g)
FROM generate_series(1, ${PLAN_FLEET.instances}) g, (SELECT array_agg(id ORDER BY created_at) AS ids, array_agg(tenant_id ORDER BY created_at) AS tenants FROM projects) p;
INSERT INTO filesystems (id, tenant_id, project_id, name, size, state, created_at, updated_at)
SELECT gen_random_uuid(), p.tenants[1 + g % cardinality(p.ids)], p.ids[1 + g % cardinality(p.ids)], 'fs-' || g, '1TiB', CASE WHEN g % 50 = 0 THEN 'creating' ELSE 'ready' END, now() - make_interval(secs => g), now() - make_interval(secs => g)
FROM generate_series(1, ${PLAN_FLEET.filesystems}) g, (SELECT array_agg(id ORDER BY created_at) AS ids, array_agg(tenant_id ORDER BY created_at) AS tenants FROM projects) p;
INSERT INTO instance_filesystems (instance_id, filesystem_id)
SELECT i.id, f.id FROM (SELECT id, row_number() OVER () n FROM instances) i JOIN (SELECT id, row_number() OVER () n FROM filesystems) f ON f.n = i.n;

-- A day of samples at one a minute for 50 clusters, four metric types.
INSERT INTO metric_samples (cluster_id, time, metric_type, node_pool, value)
SELECT c.id, date_trunc('minute', now()) - make_interval(mins => m), t, 'pool-a', m % 17
FROM (SELECT id FROM clusters ORDER BY created_at DESC LIMIT 50) c CROSS JOIN generate_series(0, 1439) m
CROSS JOIN unnest(ARRAY['GPU_UTILIZATION', 'GPU_MEMORY_UTILIZATION', 'CPU_UTILIZATION', 'ALLOCATED_GPUS']) t;

INSERT INTO outbox_events (id, type, subject, tenant_id, resource_id, data, occurred_at, published_at)
SELECT gen_random_uuid(), 'cluster.updated', 'cluster/' || id, tenant_id, id::text, '{}', created_at, CASE WHEN name NOT LIKE '%00' THEN created_at END
FROM clusters CROSS JOIN generate_series(1, 3);
INSERT INTO orphaned_resources (id, tenant_id, cluster_id, kind, external_id, provider, idempotency_key, created_at, collected_at)
SELECT gen_random_uuid(), tenant_id, id, 'volume', 'vol-' || id, 'simulated', 'orphan/' || id, created_at, CASE WHEN name NOT LIKE '%0' THEN now() END
FROM clusters WHERE deleted_at IS NOT NULL OR name LIKE '%3';
INSERT INTO resource_steps (resource_id, step, generation) SELECT id, s, 1 FROM clusters CROSS JOIN unnest(ARRAY['credentials', 'control-plane']) s;
INSERT INTO provider_effects (idempotency_key, provider, operation, resource_type, resource_id, external_id)
SELECT 'cluster/' || id || '/credentials', 'simulated', 'issueCredentials', 'cluster', id::text, 'cred-' || id FROM clusters;
`;

/** Seeds the fleet into an empty, migrated database, then brings the planner's statistics up to date. */
export async function seedPlanFleet(client: Client): Promise<void> {
  for (const statement of SEED_SQL.split(/;\n/).map((s) => s.trim()).filter((s) => s.length > 0 && !/^(--[^\n]*\n?)*$/.test(s))) {
    await client.query(statement, statement.includes('$1') ? [PLAN_FLEET.tenants] : []);
  }
  // VACUUM as autovacuum would have by then: index-only scans need the visibility map.
  await client.query('VACUUM ANALYZE');
}
