import type { ClusterView } from '@clusterplane/contracts';

/** A plain registered cluster for presenter tests; each test overrides what it is about. */
export function clusterViewFixture(overrides: Partial<ClusterView> = {}): ClusterView {
  return {
    id: '3f2b8c1e-0000-4000-8000-000000000001',
    tenantId: 7,
    projectId: null,
    name: 'gpu-a',
    displayName: null,
    kind: 'kubernetes',
    origin: 'registered',
    provider: 'generic',
    agentVersion: null,
    kubernetesVersion: null,
    domain: null,
    phase: 'Ready',
    phaseReason: null,
    generation: 1,
    state: 'WaitingToConnect',
    reportedStatus: null,
    lastLiveness: null,
    deleteRequestedAt: null,
    deletedAt: null,
    createdBy: null,
    createdAt: '2025-02-01T00:00:00.000Z',
    updatedAt: '2025-02-02T00:00:00.000Z',
    ...overrides,
  };
}
