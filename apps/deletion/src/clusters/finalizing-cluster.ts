import type { Cluster, PrismaService } from '@clusterplane/persistence';

/** What finalizing a cluster reads of it: its finalizers and what the agent-uninstall step weighs. */
export type FinalizingCluster = Pick<
  Cluster,
  'id' | 'tenantId' | 'finalizers' | 'deletedAt' | 'deleteRequestedAt' | 'uninstallAckedAt' | 'lastLiveness' | 'agentInstalledAt'
>;

/**
 * Only those columns: a waiting delete re-reads its cluster on every re-check, and the whole row
 * (the agent's reported status included) costs many times more to fetch and decode. A named
 * statement on Prisma's pool: planned once per connection, without Prisma's per-query work.
 */
const READ_FINALIZING = {
  name: 'finalizing-cluster',
  text: `SELECT id, tenant_id AS "tenantId", finalizers, deleted_at AS "deletedAt", delete_requested_at AS "deleteRequestedAt",
           uninstall_acked_at AS "uninstallAckedAt", last_liveness AS "lastLiveness", agent_installed_at AS "agentInstalledAt"
         FROM clusters WHERE id = $1`,
};

export async function readFinalizingCluster(prisma: PrismaService, clusterId: string): Promise<FinalizingCluster | null> {
  const { rows } = await prisma.pool.query<FinalizingCluster>({ ...READ_FINALIZING, values: [clusterId] });
  return rows[0] ?? null;
}
