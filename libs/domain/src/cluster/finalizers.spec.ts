import { FINALIZERS, finalizersFor } from './finalizers';

describe('finalizersFor', () => {
  it('clears only the agent and credentials of a registered cluster, agent first', () => {
    expect(finalizersFor('registered')).toEqual(['agent-uninstall', 'credentials']);
  });

  it('clears agent, pools, infrastructure, then credentials of a managed cluster', () => {
    expect(finalizersFor('managed')).toEqual(['agent-uninstall', 'node-pools', 'provider-infrastructure', 'credentials']);
  });

  it('returns a fresh list each call', () => {
    const first = finalizersFor('managed');
    first.pop();
    expect(finalizersFor('managed')).toHaveLength(4);
  });

  it('only ever returns known finalizers', () => {
    for (const origin of ['registered', 'managed'] as const) {
      for (const finalizer of finalizersFor(origin)) expect(FINALIZERS).toContain(finalizer);
    }
  });
});
