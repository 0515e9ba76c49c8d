import type { z } from 'zod';
import type { CommandRequest } from '@clusterplane/contracts';
import type { createClusterBody } from './fireworks.schemas';

type ClusterSpec = CommandRequest<'cluster.create'>['cluster'];

/**
 * A fakeCluster whose location is this marker fails at the simulated provider, so a Fireworks
 * client can watch a cluster reach FAILED (the `sim.fail=provision` tag of SPEC section 4).
 */
export const SIMULATED_FAILURE_LOCATION = 'sim-fail';

/** Every fake cluster gets one small CPU node, so it has a node pool to provision like any other. */
export const FAKE_CLUSTER_NODE_POOL = { name: 'default', instanceType: 'cpu.4x', count: 1 } as const;

/**
 * SPEC section 3: an eksCluster is an existing EKS cluster whose agent connects (registered,
 * provider aws-eks); a fakeCluster is built by Clusterplane on the simulated provider (managed).
 * The clusterId becomes the cluster's name.
 */
export function toClusterSpec(body: z.output<typeof createClusterBody>): ClusterSpec {
  const { clusterId, cluster } = body;
  const common = { name: clusterId, displayName: cluster.displayName, kind: 'kubernetes' as const };
  if (cluster.eksCluster) {
    return { ...common, origin: 'registered', provider: 'aws-eks', providerConfig: { eksCluster: cluster.eksCluster } };
  }
  const fake = cluster.fakeCluster ?? {};
  return {
    ...common,
    origin: 'managed',
    provider: 'simulated',
    providerConfig: { fakeCluster: fake },
    nodePools: [FAKE_CLUSTER_NODE_POOL],
    tags: fake.location === SIMULATED_FAILURE_LOCATION ? { 'sim.fail': 'provision' } : {},
  };
}
