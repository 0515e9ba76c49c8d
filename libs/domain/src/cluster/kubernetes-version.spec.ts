import { decideUpgrade, formatKubernetesVersion, kubeletVersion, parseKubernetesVersion } from './kubernetes-version';

describe('parseKubernetesVersion', () => {
  it.each([
    ['1.32.5', { major: 1, minor: 32, patch: 5 }],
    ['v1.32.5', { major: 1, minor: 32, patch: 5 }],
    ['v1.32', { major: 1, minor: 32, patch: null }],
  ])('reads %s', (text, version) => {
    expect(parseKubernetesVersion(text)).toEqual(version);
  });

  it.each(['1', 'v1', '1.32.5.1', 'V1.32', '1.32-rc.1', ' 1.32', '1.32 ', 'latest', ''])('refuses %j', (text) => {
    expect(parseKubernetesVersion(text)).toBeNull();
  });

  it('prints the stored form without the v, and the kubelet form with it', () => {
    expect(formatKubernetesVersion(parseKubernetesVersion('v1.31.2')!)).toBe('1.31.2');
    expect(formatKubernetesVersion(parseKubernetesVersion('1.31')!)).toBe('1.31');
    expect(kubeletVersion('1.31.2')).toBe('v1.31.2');
    expect(kubeletVersion('v1.31.2')).toBe('v1.31.2');
  });
});

describe('decideUpgrade', () => {
  it('upgrades to a newer patch, minor or major version', () => {
    expect(decideUpgrade('1.32.1', 'v1.32.5')).toEqual({ kind: 'upgrade', target: '1.32.5' });
    expect(decideUpgrade('1.32.5', 'v1.33')).toEqual({ kind: 'upgrade', target: '1.33' });
    expect(decideUpgrade('1.32.5', 'v2.0.0')).toEqual({ kind: 'upgrade', target: '2.0.0' });
  });

  it('requires the leading v of the update pattern', () => {
    expect(decideUpgrade('1.32.1', '1.32.5')).toEqual({ kind: 'refused', reason: "version '1.32.5' must look like v1.32 or v1.32.5" });
  });

  it('refuses a downgrade, naming both versions', () => {
    expect(decideUpgrade('1.32.5', 'v1.32.4')).toEqual({ kind: 'refused', reason: 'cannot downgrade from 1.32.5 to 1.32.4' });
    expect(decideUpgrade('1.32.5', 'v1.31.9')).toMatchObject({ kind: 'refused' });
  });

  it('treats the same version (a missing patch counting as .0) as unchanged', () => {
    expect(decideUpgrade('1.32.5', 'v1.32.5')).toEqual({ kind: 'unchanged' });
    expect(decideUpgrade('1.32', 'v1.32.0')).toEqual({ kind: 'unchanged' });
  });

  it('upgrades a cluster whose current version is unknown', () => {
    expect(decideUpgrade(null, 'v1.30')).toEqual({ kind: 'upgrade', target: '1.30' });
  });
});
