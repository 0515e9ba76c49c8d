import type { Finalizer } from '@clusterplane/domain';
import type { FinalizingCluster } from '../clusters/finalizing-cluster';

/** A finalizer step either finished (idempotently) or asks to be re-checked after a delay. */
export type StepOutcome = { done: true } | { done: false; recheckInMs: number; reason: string };

export interface FinalizerStep {
  readonly finalizer: Finalizer;
  run(cluster: FinalizingCluster, now: Date): Promise<StepOutcome>;
}

export const FINALIZER_STEPS = Symbol('FINALIZER_STEPS');
