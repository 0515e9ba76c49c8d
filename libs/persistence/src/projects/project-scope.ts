import { AppError } from '@clusterplane/contracts';
import { Prisma } from '../generated/prisma/client';
import type { TransactionClient } from '../prisma.service';

/**
 * FOR SHARE while something is created in (or under) the row, so a concurrent delete of it
 * waits and then sees the new child; FOR UPDATE by that delete.
 */
export type RowLock = 'FOR SHARE' | 'FOR UPDATE';

/** The answer to a project that is not a live project of the caller's tenant, as for an `X-PROJECT-ID` of another tenant. */
export function foreignProject(projectId: string): AppError {
  return new AppError('permission_denied', `project ${projectId} is not a project of this tenant`);
}

/**
 * Locks the tenant's live project, or refuses: by default 403, as for an `X-PROJECT-ID` of
 * another tenant; the project routes themselves answer 404 (pass `missing`).
 */
export async function lockLiveProject(
  tx: TransactionClient,
  tenantId: number,
  projectId: string,
  lock: RowLock,
  missing: () => AppError = () => foreignProject(projectId),
): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT id FROM projects WHERE id = ${projectId}::uuid AND tenant_id = ${tenantId} AND deleted_at IS NULL ${Prisma.raw(lock)}`,
  );
  if (rows.length === 0) throw missing();
}

export interface ProjectClusterScope {
  tenantId: number;
  projectId: string;
  clusterId: string;
  kind?: 'kubernetes' | 'slurm';
}

export interface LockedProjectCluster {
  id: string;
  tenantId: number;
  kind: 'kubernetes' | 'slurm';
  origin: 'registered' | 'managed';
  phase: string;
  generation: number;
  kubernetesVersion: string | null;
  deleteRequestedAt: Date | null;
}

/**
 * Locks a live cluster of the project (of one kind when given). Anything else is 404: another
 * project's cluster is indistinguishable from a missing one.
 */
export async function lockProjectCluster(tx: TransactionClient, scope: ProjectClusterScope, lock: RowLock): Promise<LockedProjectCluster> {
  const kind = scope.kind ? Prisma.sql`AND kind = ${scope.kind}::"ClusterKind"` : Prisma.empty;
  const [row] = await tx.$queryRaw<LockedProjectCluster[]>(Prisma.sql`
    SELECT id, tenant_id AS "tenantId", kind, origin, phase, generation, kubernetes_version AS "kubernetesVersion", delete_requested_at AS "deleteRequestedAt"
    FROM clusters
    WHERE id = ${scope.clusterId}::uuid AND tenant_id = ${scope.tenantId} AND project_id = ${scope.projectId}::uuid AND deleted_at IS NULL ${kind}
    ${Prisma.raw(lock)}`);
  if (!row) throw AppError.notFound(`cluster ${scope.clusterId}`);
  return row;
}

/** Refuses (409) changes under a cluster whose delete has started. */
export function assertNotDeleting(cluster: LockedProjectCluster): void {
  if (cluster.deleteRequestedAt) throw new AppError('failed_precondition', `cluster ${cluster.id} is being deleted`);
}
