import { TRUEFOUNDRY_CLUSTER_TYPES, type ClusterManifest, type IntegrationProvider, type TruefoundryClusterType } from '@clusterplane/contracts';

export interface ManifestViolation {
  field: string;
  message: string;
}

/** Which cloud's integration a cluster type can use; a generic cluster has no cloud. */
const INTEGRATION_PROVIDER: Record<TruefoundryClusterType, IntegrationProvider | null> = {
  'aws-eks': 'aws',
  'gcp-gke-standard': 'gcp',
  'azure-aks': 'azure',
  'civo-talos': 'civo',
  generic: null,
};

export function integrationProviderFor(clusterType: TruefoundryClusterType): IntegrationProvider | null {
  return INTEGRATION_PROVIDER[clusterType];
}

type RuleInput = Pick<ClusterManifest, 'cluster_type' | 'environment_names' | 'collaborators' | 'supported_nodepools' | 'cluster_integration_fqn'>;

/**
 * Seed 000's 422 rules that need nothing but the manifest (the ones naming environments,
 * registries and integrations need the tenant's records). Every violation is returned, each
 * naming its field, so one answer lists everything to fix.
 */
export function manifestRuleViolations(manifest: RuleInput): ManifestViolation[] {
  const violations: ManifestViolation[] = [];
  if (manifest.collaborators.length === 0) {
    violations.push({ field: 'manifest.collaborators', message: 'at least one collaborator is required' });
  } else if (!manifest.collaborators.some((c) => c.role_id === 'cluster-admin')) {
    violations.push({ field: 'manifest.collaborators', message: 'at least one collaborator must have the role cluster-admin' });
  }
  if (manifest.environment_names.length === 0) {
    violations.push({ field: 'manifest.environment_names', message: 'at least one environment name is required' });
  }
  const subjects = new Set<string>();
  manifest.collaborators.forEach((c, i) => {
    if (subjects.has(c.subject)) violations.push({ field: `manifest.collaborators.${i}.subject`, message: `subject '${c.subject}' is listed twice` });
    subjects.add(c.subject);
  });

  const nodepools = manifest.supported_nodepools ?? [];
  const names = new Set<string>();
  nodepools.forEach((pool, i) => {
    if (names.has(pool.name)) violations.push({ field: `manifest.supported_nodepools.${i}.name`, message: `nodepool names must be unique; '${pool.name}' repeats` });
    names.add(pool.name);
  });
  if (nodepools.length > 0 && manifest.cluster_integration_fqn) {
    violations.push({ field: 'manifest.supported_nodepools', message: 'nodepools must not be given when cluster_integration_fqn is set (they come from the integration)' });
  }
  if (nodepools.length > 0 && manifest.cluster_type === 'generic') {
    violations.push({ field: 'manifest.supported_nodepools', message: 'a generic cluster must not list supported nodepools' });
  }
  return violations;
}

/**
 * The TrueFoundry `cluster_type` of any cluster of the fleet: the applied manifest's, else the
 * provider when it is one of the types, else `generic` (e.g. a managed cluster on the
 * simulated provider). `cluster_type` is immutable against exactly this value.
 */
export function truefoundryClusterTypeOf(provider: string, manifest: { cluster_type?: unknown } | null | undefined): TruefoundryClusterType {
  const applied = manifest?.cluster_type;
  if (isClusterType(applied)) return applied;
  return isClusterType(provider) ? provider : 'generic';
}

function isClusterType(value: unknown): value is TruefoundryClusterType {
  return typeof value === 'string' && (TRUEFOUNDRY_CLUSTER_TYPES as readonly string[]).includes(value);
}

/** The cluster's `domain`: its first base domain, without a leading wildcard label. */
export function primaryDomainOf(baseDomains: readonly string[] | undefined): string | null {
  const first = baseDomains?.[0];
  return first ? first.replace(/^\*\./, '') : null;
}
