export const FINALIZERS = ['agent-uninstall', 'node-pools', 'provider-infrastructure', 'credentials'] as const;
export type Finalizer = (typeof FINALIZERS)[number];

/**
 * The finalizers a graceful delete must clear, in order. A registered cluster's
 * infrastructure belongs to its owner, so only a managed one has pools and provider resources.
 */
export function finalizersFor(origin: 'registered' | 'managed'): Finalizer[] {
  return origin === 'managed'
    ? ['agent-uninstall', 'node-pools', 'provider-infrastructure', 'credentials']
    : ['agent-uninstall', 'credentials'];
}
