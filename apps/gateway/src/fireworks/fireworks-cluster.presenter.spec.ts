import type { ClusterView } from '@clusterplane/contracts';
import { clusterViewFixture } from '../testing/cluster-view.fixture';
import { toFireworksCluster } from './fireworks-cluster.presenter';

const cluster = (overrides: Partial<ClusterView> = {}): ClusterView =>
  clusterViewFixture({ origin: 'managed', provider: 'simulated', phase: 'Provisioning', createdBy: 'user@acme', providerConfig: { fakeCluster: { location: 'us-central1' } }, ...overrides });

describe('toFireworksCluster', () => {
  it('renders the seed fields with the account in the name and the block as given', () => {
    expect(toFireworksCluster(cluster(), 'acme')).toEqual({
      name: 'accounts/acme/clusters/gpu-a',
      displayName: 'gpu-a',
      createTime: '2025-02-01T00:00:00.000Z',
      fakeCluster: { location: 'us-central1' },
      state: 'CREATING',
      status: { code: 'OK', message: '' },
    });
  });

  it('shows a failure with the INTERNAL code and the reason', () => {
    expect(toFireworksCluster(cluster({ phase: 'Failed', phaseReason: 'control-plane.create failed' }), 'acme')).toMatchObject({
      state: 'FAILED',
      status: { code: 'INTERNAL', message: 'control-plane.create failed' },
    });
  });

  it('shows no block for a cluster created through another dialect, and the display name when set', () => {
    const rendered = toFireworksCluster(cluster({ providerConfig: null, displayName: 'GPU A', phase: 'Ready' }), 'acme');
    expect(rendered).not.toHaveProperty('eksCluster');
    expect(rendered).not.toHaveProperty('fakeCluster');
    expect(rendered).toMatchObject({ displayName: 'GPU A', state: 'READY' });
  });
});
