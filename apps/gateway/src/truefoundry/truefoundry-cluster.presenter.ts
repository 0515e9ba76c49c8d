import type { ClusterView, TenantConfigRecord } from '@clusterplane/contracts';
import { truefoundryClusterTypeOf } from '@clusterplane/domain';

const SUBJECT_TYPES = ['user', 'team', 'serviceaccount', 'virtualaccount', 'external-identity', 'agent-identity', 'role'];

/**
 * Seed 000's Subject from a token subject: `type:slug` when it names one of the seed's
 * subject types (`serviceaccount:ci`), otherwise a user whose slug is the subject itself.
 */
export function toSubject(subject: string | null): Record<string, unknown> | null {
  if (!subject) return null;
  const [type, ...rest] = subject.split(':');
  const typed = rest.length > 0 && SUBJECT_TYPES.includes(type!);
  return { subjectId: subject, subjectType: typed ? type : 'user', subjectSlug: typed ? rest.join(':') : subject };
}

/**
 * Seed 000's Cluster. A cluster applied through this dialect shows its manifest as applied;
 * any other cluster of the fleet (created through Run:ai or Fireworks) gets the manifest that
 * describes it, so every client sees the whole fleet in its own shape.
 */
export function toTruefoundryCluster(cluster: ClusterView, tenantSlug: string): Record<string, unknown> {
  return {
    id: cluster.id,
    fqn: `${tenantSlug}:${cluster.name}`,
    manifest: cluster.manifest ?? describedManifest(cluster),
    tenantName: tenantSlug,
    accountId: tenantSlug,
    createdBySubject: toSubject(cluster.createdBy),
    createdBy: cluster.createdBy,
    createdAt: cluster.createdAt,
    updatedAt: cluster.updatedAt,
  };
}

function describedManifest(cluster: ClusterView): Record<string, unknown> {
  return {
    type: 'cluster',
    name: cluster.name,
    cluster_type: truefoundryClusterTypeOf(cluster.provider, null),
    environment_names: [],
    ...(cluster.domain ? { base_domains: [cluster.domain] } : {}),
    collaborators: [],
  };
}

/** An environment is `{name}`, a registry `{fqn}`, an integration `{fqn, provider}`. */
export function toTenantConfigItem(record: TenantConfigRecord): Record<string, unknown> {
  const key = record.kind === 'environment' ? { name: record.key } : { fqn: record.key };
  return { ...key, ...(record.provider ? { provider: record.provider } : {}), createdAt: record.createdAt };
}
