import type { ClusterView } from '@clusterplane/contracts';
import { clusterViewFixture } from '../testing/cluster-view.fixture';
import { toDisplayedCluster } from './displayed-cluster.presenter';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const TIMEOUT = 60_000;

const healthyStatus = {
  conditions: [{ type: 'Available', status: 'True', reason: 'AllReady', message: '', lastTransitionTime: '2025-03-01T11:00:00.000Z' }],
  operands: { scheduler: { ready: true } },
  dependencies: { required: { gpuOperator: { available: true } }, optional: {} },
  platform: { type: 'eks' },
};

const cluster = (overrides: Partial<ClusterView> = {}): ClusterView =>
  clusterViewFixture({ agentVersion: '2.24.1', domain: 'gpu-a.example.com', state: 'Connected', ...overrides });

describe('toDisplayedCluster', () => {
  it('renders metadata without a status', () => {
    const displayed = toDisplayedCluster(cluster({ reportedStatus: healthyStatus, lastLiveness: '2025-03-01T11:59:50.000Z' }), 'metadata', NOW, TIMEOUT);
    expect(displayed).toEqual({
      uuid: '3f2b8c1e-0000-4000-8000-000000000001',
      tenantId: 7,
      name: 'gpu-a',
      createdAt: '2025-02-01T00:00:00.000Z',
      domain: 'gpu-a.example.com',
      version: '2.24.1',
      updatedAt: '2025-02-02T00:00:00.000Z',
      deletedAt: null,
      lastLiveness: '2025-03-01T11:59:50.000Z',
      deleteRequestedAt: null,
    });
    expect(displayed).not.toHaveProperty('status');
  });

  it('takes version from the agent version', () => {
    expect(toDisplayedCluster(cluster({ agentVersion: null }), 'metadata', NOW, TIMEOUT)['version']).toBeNull();
    expect(toDisplayedCluster(cluster({ agentVersion: '2.20.0' }), 'full', NOW, TIMEOUT)['version']).toBe('2.20.0');
  });

  it('shows WaitingToConnect when the agent never reported, ignoring the stored state', () => {
    expect(toDisplayedCluster(cluster({ state: 'Connected' }), 'full', NOW, TIMEOUT)['status']).toEqual({ state: 'WaitingToConnect' });
  });

  it('shows Connected with the reported status for a healthy, fresh cluster', () => {
    const displayed = toDisplayedCluster(cluster({ reportedStatus: healthyStatus, lastLiveness: '2025-03-01T11:59:50.000Z' }), 'full', NOW, TIMEOUT);
    expect(displayed['status']).toEqual({ ...healthyStatus, state: 'Connected' });
  });

  it('shows Disconnected once liveness is older than the timeout', () => {
    const displayed = toDisplayedCluster(cluster({ reportedStatus: healthyStatus, lastLiveness: '2025-03-01T11:58:59.999Z' }), 'full', NOW, TIMEOUT);
    expect(displayed['status']).toMatchObject({ state: 'Disconnected' });
  });

  it('lets the derived state replace a state field inside the reported status', () => {
    const displayed = toDisplayedCluster(
      cluster({ reportedStatus: { ...healthyStatus, state: 'Connected' }, lastLiveness: '2025-03-01T10:00:00.000Z' }),
      'full',
      NOW,
      TIMEOUT,
    );
    expect(displayed['status']).toMatchObject({ state: 'Disconnected' });
  });
});
