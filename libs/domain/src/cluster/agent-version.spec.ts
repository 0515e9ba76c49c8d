import { compareAgentVersions, isVersionBelow, parseAgentVersion } from './agent-version';

describe('parseAgentVersion', () => {
  it.each([
    ['2.24', { major: 2, minor: 24, patch: 0, prerelease: false }],
    ['v2.20.1', { major: 2, minor: 20, patch: 1, prerelease: false }],
    ['2.21.0-rc.1', { major: 2, minor: 21, patch: 0, prerelease: true }],
    ['2.21.3+build.7', { major: 2, minor: 21, patch: 3, prerelease: false }],
  ])('parses %j', (raw, expected) => {
    expect(parseAgentVersion(raw)).toEqual(expected);
  });

  it.each(['', 'latest', '2', 'v', '2.x', '2.24.1.5', 'V2.24', '2.24-', '2..4', '12345.1', '2.24 beta'])('returns null for %j', (raw) => {
    expect(parseAgentVersion(raw)).toBeNull();
  });
});

describe('compareAgentVersions', () => {
  const v = (raw: string) => parseAgentVersion(raw)!;

  it('orders by major, then minor, then patch', () => {
    expect(compareAgentVersions(v('3.0'), v('2.99.99'))).toBeGreaterThan(0);
    expect(compareAgentVersions(v('2.19'), v('2.20'))).toBeLessThan(0);
    expect(compareAgentVersions(v('2.20.2'), v('2.20.10'))).toBeLessThan(0);
    expect(compareAgentVersions(v('2.20.0'), v('v2.20'))).toBe(0);
  });
});

describe('isVersionBelow', () => {
  it.each([
    ['2.19.9', '2.20', true],
    ['2.19.99', '2.20', true],
    ['1.99', '2.20', true],
    ['2.20', '2.20', false],
    ['2.20.0', '2.20', false],
    ['2.20.1', '2.20', false],
    ['2.21', '2.20', false],
  ])('isVersionBelow(%j, %j) is %s', (raw, floor, expected) => {
    expect(isVersionBelow(raw, floor)).toBe(expected);
  });

  it('is false when either side does not parse', () => {
    expect(isVersionBelow('garbage', '2.20')).toBe(false);
    expect(isVersionBelow('2.19', 'garbage')).toBe(false);
  });
});

describe('pre-releases and strictness', () => {
  it('ranks a release candidate below its release', () => {
    expect(isVersionBelow('2.20.0-rc.1', '2.20')).toBe(true);
    expect(isVersionBelow('2.20.0', '2.20.0-rc.1')).toBe(false);
  });

  it('refuses surrounding white space', () => {
    expect(parseAgentVersion(' 2.24')).toBeNull();
    expect(parseAgentVersion('2.24\n')).toBeNull();
  });
});
