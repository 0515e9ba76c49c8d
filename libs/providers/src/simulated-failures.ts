import type { ResourceTags } from './cluster-provider';

/** Operations a `sim.fail` tag value stands for, besides naming operations directly. */
const TAG_ALIASES: Record<string, string[]> = {
  provision: ['control-plane.create', 'node.create', 'instance.create', 'filesystem.create'],
  delete: ['control-plane.delete', 'node.delete', 'credentials.delete', 'agent.delete', 'instance.delete', 'filesystem.delete'],
};

export class SimulatedProviderError extends Error {
  constructor(operation: string, reason: string) {
    super(`simulated provider: ${operation} failed (${reason})`);
    this.name = 'SimulatedProviderError';
  }
}

/**
 * Decides whether a call fails: configured per operation (the first N calls per idempotency
 * key fail, so "fails twice, then succeeds" is deterministic), or per resource with the tag
 * `sim.fail=provision` or `sim.fail=node.create,…` (always fails).
 */
export class SimulatedFailures {
  private readonly attempts = new Map<string, number>();

  constructor(private readonly configured: Map<string, number>) {}

  check(operation: string, idempotencyKey: string, tags: ResourceTags | undefined): void {
    const tagged = tags?.['sim.fail']?.split(',').flatMap((v) => TAG_ALIASES[v.trim()] ?? [v.trim()]) ?? [];
    if (tagged.includes(operation)) throw new SimulatedProviderError(operation, 'sim.fail tag');
    const failFirst = this.configured.get(operation);
    if (failFirst === undefined) return;
    const attempt = (this.attempts.get(idempotencyKey) ?? 0) + 1;
    this.attempts.set(idempotencyKey, attempt);
    if (attempt <= failFirst) throw new SimulatedProviderError(operation, `injected failure ${attempt} of ${failFirst === Infinity ? 'all' : failFirst}`);
  }
}
