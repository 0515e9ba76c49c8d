import { FAKE_CLUSTER_NODE_POOL, SIMULATED_FAILURE_LOCATION, toClusterSpec } from './fireworks-cluster-spec';

const eksCluster = { awsAccountId: '123456789012', fireworksManagerRole: 'arn:aws:iam::123456789012:role/fw', region: 'us-east-1', clusterName: 'prod' };

describe('toClusterSpec', () => {
  it('registers an eksCluster on aws-eks, keeping the block', () => {
    expect(toClusterSpec({ clusterId: 'prod', cluster: { displayName: 'Prod', eksCluster } })).toEqual({
      name: 'prod',
      displayName: 'Prod',
      kind: 'kubernetes',
      origin: 'registered',
      provider: 'aws-eks',
      providerConfig: { eksCluster },
    });
  });

  it('manages a fakeCluster on the simulated provider with one small pool', () => {
    expect(toClusterSpec({ clusterId: 'fake', cluster: { fakeCluster: { location: 'us-central1' } } })).toEqual({
      name: 'fake',
      displayName: undefined,
      kind: 'kubernetes',
      origin: 'managed',
      provider: 'simulated',
      providerConfig: { fakeCluster: { location: 'us-central1' } },
      nodePools: [FAKE_CLUSTER_NODE_POOL],
      tags: {},
    });
  });

  it('asks the simulated provider to fail for the sim-fail location', () => {
    expect(toClusterSpec({ clusterId: 'doomed', cluster: { fakeCluster: { location: SIMULATED_FAILURE_LOCATION } } }).tags).toEqual({ 'sim.fail': 'provision' });
  });
});
