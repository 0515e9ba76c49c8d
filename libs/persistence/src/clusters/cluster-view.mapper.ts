import type { ClusterView, RunaiClusterState } from '@clusterplane/contracts';
import type { Cluster } from '../generated/prisma/client';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

export function toClusterView(row: Cluster): ClusterView {
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
