import type { ClusterView, RunaiClusterState } from '@clusterplane/contracts';
import type { Cluster } from '../generated/prisma/client';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** The columns a ClusterView is made of: a Prisma row, or a lean read selecting CLUSTER_VIEW_COLUMNS. */
export type ClusterViewRow = Pick<
  Cluster,
  | 'id' | 'tenantId' | 'projectId' | 'name' | 'displayName' | 'kind' | 'origin' | 'provider' | 'agentVersion' | 'kubernetesVersion' | 'domain'
  | 'phase' | 'phaseReason' | 'generation' | 'state' | 'reportedStatus' | 'lastLiveness' | 'deleteRequestedAt' | 'deletedAt' | 'createdBy'
  | 'createdAt' | 'updatedAt' | 'manifest' | 'providerConfig'
>;

/** The columns of `clusters` a ClusterViewRow holds, named as Prisma names them, for SQL that reads a ClusterViewRow. */
export const CLUSTER_VIEW_COLUMNS = `id, tenant_id AS "tenantId", project_id AS "projectId", name, display_name AS "displayName", kind, origin, provider,
  agent_version AS "agentVersion", kubernetes_version AS "kubernetesVersion", domain, phase, phase_reason AS "phaseReason", generation, state,
  reported_status AS "reportedStatus", last_liveness AS "lastLiveness", delete_requested_at AS "deleteRequestedAt", deleted_at AS "deletedAt",
  created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt", manifest, provider_config AS "providerConfig"`;

export function toClusterView(row: ClusterViewRow): ClusterView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    projectId: row.projectId,
    name: row.name,
    displayName: row.displayName,
    kind: row.kind,
    origin: row.origin,
    provider: row.provider,
    agentVersion: row.agentVersion,
    kubernetesVersion: row.kubernetesVersion,
    domain: row.domain,
    phase: row.phase,
    phaseReason: row.phaseReason,
    generation: row.generation,
    state: row.state as RunaiClusterState,
    reportedStatus: (row.reportedStatus as Record<string, unknown> | null) ?? null,
    lastLiveness: iso(row.lastLiveness),
    deleteRequestedAt: iso(row.deleteRequestedAt),
    deletedAt: iso(row.deletedAt),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    manifest: (row.manifest as Record<string, unknown> | null) ?? null,
    providerConfig: (row.providerConfig as Record<string, unknown> | null) ?? null,
  };
}
