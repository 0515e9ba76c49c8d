/**
 * Deterministic job ids (resource + step + generation) make enqueueing idempotent: the
 * reconciler and a retried command collapse onto the same job instead of duplicating work.
 * BullMQ rejects ':' in custom ids, hence the dots.
 */
export function jobId(resourceId: string, step: string, generation?: number): string {
  return generation === undefined ? `${resourceId}.${step}` : `${resourceId}.${step}.g${generation}`;
}
