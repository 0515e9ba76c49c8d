import type { ClusterPhase } from '@clusterplane/contracts';

/** Seed 003's Cluster.state values. */
export const FIREWORKS_STATES = ['STATE_UNSPECIFIED', 'CREATING', 'READY', 'DELETING', 'FAILED'] as const;
export type FireworksState = (typeof FIREWORKS_STATES)[number];

/**
 * Which clusters are in a state, as a condition on the stored lifecycle: a delete request wins
 * over the phase (the cluster is DELETING until it is gone); otherwise the phase decides.
 * `phases: []` with `deleteRequested: false` matches nothing (STATE_UNSPECIFIED).
 */
export interface FireworksStateSelector {
  deleteRequested: boolean;
  phases: ClusterPhase[];
}

const PHASES_BY_STATE: Record<Exclude<FireworksState, 'DELETING'>, ClusterPhase[]> = {
  STATE_UNSPECIFIED: [],
  CREATING: ['Pending', 'Provisioning'],
  // An update in progress is served by a running cluster.
  READY: ['Ready', 'Updating'],
  FAILED: ['Failed'],
};

export function fireworksStateSelector(state: FireworksState): FireworksStateSelector {
  return state === 'DELETING' ? { deleteRequested: true, phases: [] } : { deleteRequested: false, phases: PHASES_BY_STATE[state] };
}

export function fireworksStateOf(cluster: { phase: ClusterPhase; deleteRequestedAt: string | null }): FireworksState {
  if (cluster.deleteRequestedAt || cluster.phase === 'Deleting' || cluster.phase === 'Deleted') return 'DELETING';
  const match = (Object.keys(PHASES_BY_STATE) as (keyof typeof PHASES_BY_STATE)[]).find((state) => PHASES_BY_STATE[state].includes(cluster.phase));
  return match ?? 'STATE_UNSPECIFIED';
}
