import type { Pool } from 'pg';

/**
 * What a tenant's rows look like, as much of them as a request could change. Clusters leave out
 * what their agents keep writing (liveness, reported status, derived state, updated_at); every
 * other table keeps updated_at, which nothing but a command touches once the fleet has settled.
 */
const QUERIES: Record<string, string> = {
  clusters: `SELECT tenant_id, id, name, display_name, phase, generation, secret_version, secret_revoked_at, delete_requested_at, deleted_at,
                    tags, provider_config, manifest, kubernetes_version, slurm_version, project_id, finalizers
               FROM clusters WHERE tenant_id = ANY($1)`,
  node_pools: `SELECT c.tenant_id, np.id, np.name, np.desired_count, np.phase, np.generation, np.login_nodes, np.deleted_at, np.updated_at
                 FROM node_pools np JOIN clusters c ON c.id = np.cluster_id WHERE c.tenant_id = ANY($1)`,
  nodes: `SELECT c.tenant_id, n.id, n.name, n.role FROM nodes n JOIN node_pools np ON np.id = n.node_pool_id JOIN clusters c ON c.id = np.cluster_id WHERE c.tenant_id = ANY($1)`,
  projects: `SELECT tenant_id, id, name, state, deleted_at, updated_at FROM projects WHERE tenant_id = ANY($1)`,
  instances: `SELECT tenant_id, id, name, state, generation, deleted_at, updated_at FROM instances WHERE tenant_id = ANY($1)`,
  filesystems: `SELECT tenant_id, id, name, size, state, deleted_at, updated_at FROM filesystems WHERE tenant_id = ANY($1)`,
  slurm_users: `SELECT c.tenant_id, su.cluster_id || '/' || su.username AS id, su.username AS name, su.ssh_keys, su.sudo, su.updated_at
                  FROM slurm_users su JOIN clusters c ON c.id = su.cluster_id WHERE c.tenant_id = ANY($1)`,
  collaborators: `SELECT c.tenant_id, co.cluster_id || '/' || co.subject AS id, co.role_id FROM collaborators co JOIN clusters c ON c.id = co.cluster_id WHERE c.tenant_id = ANY($1)`,
  environments: `SELECT tenant_id, tenant_id || '/' || name AS id, name FROM environments WHERE tenant_id = ANY($1)`,
  container_registries: `SELECT tenant_id, tenant_id || '/' || fqn AS id, fqn AS name FROM container_registries WHERE tenant_id = ANY($1)`,
  cluster_integrations: `SELECT tenant_id, tenant_id || '/' || fqn AS id, fqn AS name, provider FROM cluster_integrations WHERE tenant_id = ANY($1)`,
};

export interface SnapshotRow {
  table: string;
  tenantId: number;
  id: string;
  name?: string;
  /** The row as JSON, for comparing. */
  state: string;
}

/** Every row of `tenantIds` in the tables a request can reach, keyed `table/id`. */
export async function snapshotTenants(db: Pool, tenantIds: number[]): Promise<Map<string, SnapshotRow>> {
  const rows = new Map<string, SnapshotRow>();
  await Promise.all(
    Object.entries(QUERIES).map(async ([table, sql]) => {
      for (const row of (await db.query(sql, [tenantIds])).rows) {
        rows.set(`${table}/${row.id}`, { table, tenantId: row.tenant_id, id: String(row.id), name: row.name ?? undefined, state: JSON.stringify(row) });
      }
    }),
  );
  return rows;
}

export interface ChangedRow {
  before: SnapshotRow;
  /** Missing when the row went away. */
  after?: SnapshotRow;
}

/** Rows of `before` that changed or went away in `after`, and rows `after` has that `before` had not. */
export function snapshotDiff(before: Map<string, SnapshotRow>, after: Map<string, SnapshotRow>): { changed: ChangedRow[]; added: SnapshotRow[] } {
  const changed = [...before].filter(([key, row]) => after.get(key)?.state !== row.state).map(([key, row]) => ({ before: row, after: after.get(key) }));
  const added = [...after].filter(([key]) => !before.has(key)).map(([, row]) => row);
  return { changed, added };
}
