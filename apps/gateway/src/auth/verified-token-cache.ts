import type { Actor } from '@clusterplane/contracts';

interface Entry {
  actor: Actor;
  expiresAtMs: number;
}

/**
 * Tokens whose signature and claims were already checked, so a client that sends the same
 * token on every request costs one map lookup instead of a signature check. An entry is
 * honoured only until the token's own `exp`; beyond `maxEntries` the oldest make room.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get(token: string): Actor | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.expiresAtMs > this.now()) return entry.actor;
    this.entries.delete(token);
    return undefined;
  }

  /** Only tokens with an `exp` are remembered: one without would never leave. */
  set(token: string, actor: Actor, expSeconds: number | undefined): void {
    if (this.maxEntries <= 0 || expSeconds === undefined) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { actor, expiresAtMs: expSeconds * 1000 });
  }

  get size(): number {
    return this.entries.size;
  }
}
