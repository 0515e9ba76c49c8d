import { GRACEFUL_DELETE_MIN_AGENT_VERSION, resolveDeleteMode } from './delete-mode';

describe('resolveDeleteMode', () => {
  it('uses 2.20 as the graceful-delete floor', () => {
    expect(GRACEFUL_DELETE_MIN_AGENT_VERSION).toBe('2.20');
  });

  it.each([
    ['2.19.99', 'forced'],
    ['2.19', 'forced'],
    ['v2.15.3', 'forced'],
    ['2.20.0', 'graceful'],
    ['2.20', 'graceful'],
    ['2.21', 'graceful'],
  ] as const)('auto with agent %s is %s', (agentVersion, expected) => {
    expect(resolveDeleteMode('auto', agentVersion)).toBe(expected);
  });

  it('treats a missing agent version as current (graceful)', () => {
    expect(resolveDeleteMode('auto', null)).toBe('graceful');
    expect(resolveDeleteMode('auto', '')).toBe('graceful');
  });

  it('treats an unparsable agent version as graceful', () => {
    expect(resolveDeleteMode('auto', 'nightly')).toBe('graceful');
  });

  it('lets an explicit mode win over the agent version', () => {
    expect(resolveDeleteMode('forced', '2.24')).toBe('forced');
    expect(resolveDeleteMode('forced', null)).toBe('forced');
    expect(resolveDeleteMode('graceful', '2.10')).toBe('graceful');
  });
});
