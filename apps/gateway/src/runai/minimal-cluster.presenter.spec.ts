import type { ClusterSummary } from '@clusterplane/persistence';
import { toMinimalCluster } from './minimal-cluster.presenter';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const healthy = {
  conditions: [{ type: 'Available', status: 'True', reason: 'AllReady', message: '', lastTransitionTime: '2025-03-01T11:00:00.000Z' }],
  operands: {},
  dependencies: { required: {}, optional: {} },
  config: { ingressClass: 'nginx', subdomainEnabled: false },
};
const summary = (overrides: Partial<ClusterSummary> = {}): ClusterSummary => ({
  id: '3f2b8c1e-0000-4000-8000-000000000001',
  tenantId: 7,
  name: 'gpu-a',
  agentVersion: '2.24',
  domain: null,
  reportedStatus: null,
  lastLiveness: null,
  ...overrides,
});

describe('toMinimalCluster', () => {
  it('renders a cluster that never reported', () => {
    expect(toMinimalCluster(summary(), NOW, 60_000)).toEqual({
      uuid: '3f2b8c1e-0000-4000-8000-000000000001',
      name: 'gpu-a',
      tenantId: 7,
      version: '2.24',
      domain: null,
      state: 'WaitingToConnect',
      ingressClass: null,
    });
  });

  it('takes the state and ingress class from the last report', () => {
    const rendered = toMinimalCluster(summary({ reportedStatus: healthy, lastLiveness: '2025-03-01T11:59:30.000Z' }), NOW, 60_000);
    expect(rendered).toMatchObject({ state: 'Connected', ingressClass: 'nginx' });
  });

  it('shows Disconnected once the report is older than the liveness timeout', () => {
    expect(toMinimalCluster(summary({ reportedStatus: healthy, lastLiveness: '2025-03-01T11:58:00.000Z' }), NOW, 60_000)['state']).toBe('Disconnected');
  });

  it('ignores an ingress class that is not a string', () => {
    expect(toMinimalCluster(summary({ reportedStatus: { ...healthy, config: { ingressClass: 7 } } }), NOW, 60_000)['ingressClass']).toBeNull();
    expect(toMinimalCluster(summary({ reportedStatus: { ...healthy, config: null } }), NOW, 60_000)['ingressClass']).toBeNull();
  });
});
