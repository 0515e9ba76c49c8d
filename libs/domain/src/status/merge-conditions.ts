export interface StoredCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

export interface IncomingCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/**
 * Kubernetes condition semantics: `lastTransitionTime` moves only when `status` changes, and
 * a condition computed from an older generation never overwrites one from a newer generation.
 * Conditions the agent stopped sending are dropped, as the agent owns the list.
 */
export function mergeConditions(previous: readonly StoredCondition[], incoming: readonly IncomingCondition[], now: string): StoredCondition[] {
  const byType = new Map(previous.map((c) => [c.type, c]));
  return incoming.map((next) => {
    const prior = byType.get(next.type);
    if (prior && isOlderGeneration(next.observedGeneration, prior.observedGeneration)) return prior;
    const transitioned = !prior || prior.status !== next.status;
    const merged: StoredCondition = {
      type: next.type,
      status: next.status,
      reason: next.reason,
      message: next.message ?? '',
      lastTransitionTime: transitioned ? (next.lastTransitionTime ?? now) : prior.lastTransitionTime,
    };
    const generation = next.observedGeneration ?? prior?.observedGeneration;
    if (generation !== undefined) merged.observedGeneration = generation;
    return merged;
  });
}

function isOlderGeneration(incoming: number | undefined, stored: number | undefined): boolean {
  return incoming !== undefined && stored !== undefined && incoming < stored;
}
