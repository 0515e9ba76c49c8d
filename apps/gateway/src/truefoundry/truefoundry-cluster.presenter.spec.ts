import type { ClusterView } from '@clusterplane/contracts';
import { clusterViewFixture } from '../testing/cluster-view.fixture';
import { toSubject, toTenantConfigItem, toTruefoundryCluster } from './truefoundry-cluster.presenter';

const cluster = (overrides: Partial<ClusterView> = {}): ClusterView =>
  clusterViewFixture({ agentVersion: '2.24', domain: 'gpu-a.example.com', createdBy: 'serviceaccount:ci-bot', ...overrides });

describe('toTruefoundryCluster', () => {
  it('shows an applied manifest as applied, with the tenant as tenantName and accountId', () => {
    const manifest = { type: 'cluster', name: 'gpu-a', cluster_type: 'aws-eks', environment_names: ['prod'], collaborators: [] };
    expect(toTruefoundryCluster(cluster({ manifest }), 'acme')).toEqual({
      id: '3f2b8c1e-0000-4000-8000-000000000001',
      fqn: 'acme:gpu-a',
      manifest,
      tenantName: 'acme',
      accountId: 'acme',
      createdBySubject: { subjectId: 'serviceaccount:ci-bot', subjectType: 'serviceaccount', subjectSlug: 'ci-bot' },
      createdBy: 'serviceaccount:ci-bot',
      createdAt: '2025-02-01T00:00:00.000Z',
      updatedAt: '2025-02-02T00:00:00.000Z',
    });
  });

  it('describes a cluster created through another dialect', () => {
    expect(toTruefoundryCluster(cluster({ provider: 'simulated', manifest: null }), 'acme')['manifest']).toEqual({
      type: 'cluster',
      name: 'gpu-a',
      cluster_type: 'generic',
      environment_names: [],
      base_domains: ['gpu-a.example.com'],
      collaborators: [],
    });
  });
});

describe('toSubject', () => {
  it('reads a typed subject, and takes anything else for a user', () => {
    expect(toSubject('team:platform')).toEqual({ subjectId: 'team:platform', subjectType: 'team', subjectSlug: 'platform' });
    expect(toSubject('user@acme')).toEqual({ subjectId: 'user@acme', subjectType: 'user', subjectSlug: 'user@acme' });
    expect(toSubject('cluster:x')).toEqual({ subjectId: 'cluster:x', subjectType: 'user', subjectSlug: 'cluster:x' });
    expect(toSubject(null)).toBeNull();
  });
});

describe('toTenantConfigItem', () => {
  it('keys environments by name and the rest by fqn', () => {
    expect(toTenantConfigItem({ kind: 'environment', key: 'dev', provider: null, createdAt: 't' })).toEqual({ name: 'dev', createdAt: 't' });
    expect(toTenantConfigItem({ kind: 'cluster-integration', key: 'a:aws:b', provider: 'aws', createdAt: 't' })).toEqual({ fqn: 'a:aws:b', provider: 'aws', createdAt: 't' });
  });
});
