import type { Cluster, PrismaService } from '@clusterplane/persistence';
import type { ResourceTags } from '@clusterplane/providers';

/** What a provisioning job needs of its cluster, with the steps its generation has done. */
export interface ProvisioningState {
  id: string;
  tenantId: number;
  origin: Cluster['origin'];
  phase: string;
  generation: number;
  secretVersion: number;
  kubernetesVersion: string | null;
  tags: ResourceTags;
  /** Deleted or being deleted. */
  deleting: boolean;
  doneSteps: Set<string>;
}

/**
 * One round trip where the job used to make one per step check: the cluster's own row and its
 * checkpoints (ready, credentials, …) of the current generation. A named statement on Prisma's
 * pool: planned once per connection, without Prisma's per-query work.
 */
const READ_STATE = {
  name: 'provisioning-state',
  text: `SELECT c.id, c.tenant_id AS "tenantId", c.origin::text AS origin, c.phase::text AS phase, c.generation,
           c.secret_version AS "secretVersion", c.kubernetes_version AS "kubernetesVersion", c.tags,
           (c.deleted_at IS NOT NULL OR c.delete_requested_at IS NOT NULL) AS deleting,
           ARRAY(SELECT s.step FROM resource_steps s WHERE s.resource_id = c.id AND s.generation = c.generation) AS "doneSteps"
         FROM clusters c WHERE c.id = $1`,
};

export async function readProvisioningState(prisma: PrismaService, clusterId: string): Promise<ProvisioningState | null> {
  const { rows: [row] } = await prisma.pool.query<Omit<ProvisioningState, 'doneSteps'> & { doneSteps: string[] }>({ ...READ_STATE, values: [clusterId] });
  return row ? { ...row, doneSteps: new Set(row.doneSteps) } : null;
}
