import type { ClusterManifest } from '@clusterplane/contracts';
import { integrationProviderFor, manifestRuleViolations, primaryDomainOf, truefoundryClusterTypeOf } from './manifest-rules';

const manifest = (overrides: Partial<ClusterManifest> = {}): ClusterManifest => ({
  type: 'cluster',
  name: 'prod-eks',
  cluster_type: 'aws-eks',
  environment_names: ['prod'],
  collaborators: [{ subject: 'user:a@example.com', role_id: 'cluster-admin' }],
  ...overrides,
});

describe('manifestRuleViolations', () => {
  it('accepts a manifest with an admin and an environment', () => {
    expect(manifestRuleViolations(manifest())).toEqual([]);
  });

  it('needs a collaborator, and one of them an admin', () => {
    expect(manifestRuleViolations(manifest({ collaborators: [] }))).toEqual([{ field: 'manifest.collaborators', message: 'at least one collaborator is required' }]);
    expect(manifestRuleViolations(manifest({ collaborators: [{ subject: 'user:b', role_id: 'cluster-viewer' }] }))).toEqual([
      { field: 'manifest.collaborators', message: 'at least one collaborator must have the role cluster-admin' },
    ]);
  });

  it('needs an environment name', () => {
    expect(manifestRuleViolations(manifest({ environment_names: [] }))).toEqual([{ field: 'manifest.environment_names', message: 'at least one environment name is required' }]);
  });

  it('names a repeated collaborator subject', () => {
    const collaborators = [
      { subject: 'user:a', role_id: 'cluster-admin' as const },
      { subject: 'user:a', role_id: 'cluster-viewer' as const },
    ];
    expect(manifestRuleViolations(manifest({ collaborators }))).toEqual([{ field: 'manifest.collaborators.1.subject', message: "subject 'user:a' is listed twice" }]);
  });

  it('names the repeated nodepool', () => {
    const violations = manifestRuleViolations(manifest({ supported_nodepools: [{ name: 'gpu' }, { name: 'cpu' }, { name: 'gpu' }] }));
    expect(violations).toEqual([{ field: 'manifest.supported_nodepools.2.name', message: "nodepool names must be unique; 'gpu' repeats" }]);
  });

  it('refuses nodepools next to a cluster integration', () => {
    expect(manifestRuleViolations(manifest({ supported_nodepools: [{ name: 'gpu' }], cluster_integration_fqn: 'acme:aws:x' }))).toEqual([
      { field: 'manifest.supported_nodepools', message: 'nodepools must not be given when cluster_integration_fqn is set (they come from the integration)' },
    ]);
  });

  it('refuses nodepools on a generic cluster, and reports every violation at once', () => {
    const violations = manifestRuleViolations(manifest({ cluster_type: 'generic', supported_nodepools: [{ name: 'gpu' }], environment_names: [] }));
    expect(violations.map((v) => v.message)).toEqual(['at least one environment name is required', 'a generic cluster must not list supported nodepools']);
  });
});

describe('truefoundryClusterTypeOf', () => {
  it('prefers the applied manifest, then a provider that is a type, then generic', () => {
    expect(truefoundryClusterTypeOf('generic', { cluster_type: 'azure-aks' })).toBe('azure-aks');
    expect(truefoundryClusterTypeOf('aws-eks', null)).toBe('aws-eks');
    expect(truefoundryClusterTypeOf('simulated', null)).toBe('generic');
    expect(truefoundryClusterTypeOf('simulated', { cluster_type: 'made-up' })).toBe('generic');
  });
});

describe('integrationProviderFor', () => {
  it('maps cloud cluster types to their cloud and generic to none', () => {
    expect(integrationProviderFor('aws-eks')).toBe('aws');
    expect(integrationProviderFor('gcp-gke-standard')).toBe('gcp');
    expect(integrationProviderFor('azure-aks')).toBe('azure');
    expect(integrationProviderFor('civo-talos')).toBe('civo');
    expect(integrationProviderFor('generic')).toBeNull();
  });
});

describe('primaryDomainOf', () => {
  it('takes the first base domain without its wildcard', () => {
    expect(primaryDomainOf(['*.apps.example.com', 'other.example.com'])).toBe('apps.example.com');
    expect(primaryDomainOf(['10.0.0.1'])).toBe('10.0.0.1');
    expect(primaryDomainOf([])).toBeNull();
    expect(primaryDomainOf(undefined)).toBeNull();
  });
});
