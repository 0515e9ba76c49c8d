import { AppError } from '@clusterplane/contracts';
import { buildInstallInfo, type InstallInfoInput } from './install-info';

const input = (overrides: Partial<InstallInfoInput> = {}): InstallInfoInput => ({
  clusterId: '3f2b8c1e-0000-4000-8000-000000000001',
  version: '2.24',
  clientSecret: 'eK74pYmgaEilOLlfm73yi5wAJ715b62rjkUzxRGwMyo',
  controlPlaneUrl: 'https://cp.example.com',
  chartRepoUrl: 'https://charts.example.com/agent',
  ...overrides,
});

const thrown = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
};

describe('buildInstallInfo', () => {
  it.each(['latest', '', '2', '2.24; rm -rf /'])('rejects %j as not a version', (version) => {
    const error = thrown(() => buildInstallInfo(input({ version })));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'invalid_argument', httpStatus: 400, details: [{ field: 'version', message: 'not a version' }] });
  });

  it.each(['2.14', '2.14.9', '1.99'])('rejects %s as below 2.15', (version) => {
    const error = thrown(() => buildInstallInfo(input({ version })));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'invalid_argument', httpStatus: 400, message: 'cluster versions below 2.15 are not supported' });
  });

  it('accepts 2.15', () => {
    expect(buildInstallInfo(input({ version: '2.15' })).installationStr).toContain('--version 2.15 ');
  });

  it('returns the helm command with the control-plane URL, cluster uuid and secret', () => {
    const info = buildInstallInfo(input());
    expect(info).toEqual({
      installationStr:
        'helm repo add clusterplane https://charts.example.com/agent && helm repo update && ' +
        'helm upgrade -i clusterplane-agent clusterplane/clusterplane-agent -n clusterplane-agent --create-namespace ' +
        '--version 2.24 --set controlPlane.url=https://cp.example.com ' +
        '--set controlPlane.clientSecret=eK74pYmgaEilOLlfm73yi5wAJ715b62rjkUzxRGwMyo ' +
        '--set cluster.uid=3f2b8c1e-0000-4000-8000-000000000001',
      repositoryName: 'clusterplane',
      chartRepoURL: 'https://charts.example.com/agent',
      clientSecret: 'eK74pYmgaEilOLlfm73yi5wAJ715b62rjkUzxRGwMyo',
    });
  });

  it('adds cluster.url only when a remote cluster URL is given', () => {
    expect(buildInstallInfo(input()).installationStr).not.toContain('cluster.url');
    expect(buildInstallInfo(input({ remoteClusterUrl: '' })).installationStr).not.toContain('cluster.url');
    expect(buildInstallInfo(input({ remoteClusterUrl: 'https://k8s.example.com:6443' })).installationStr).toMatch(
      / --set cluster\.url=https:\/\/k8s\.example\.com:6443$/,
    );
  });

  it('single-quotes a value with a space', () => {
    const { installationStr } = buildInstallInfo(input({ remoteClusterUrl: 'https://k8s.example.com/a b' }));
    expect(installationStr).toContain(" --set 'cluster.url=https://k8s.example.com/a b'");
  });

  it('escapes a single quote so the value cannot end the quoting', () => {
    const { installationStr } = buildInstallInfo(input({ remoteClusterUrl: "https://x.example/it's;$(id)" }));
    expect(installationStr).toContain(` --set 'cluster.url=https://x.example/it'\\''s;$(id)'`);
  });

  // A line break in the version would split the helm invocation a user pastes in two.
  it.each(['2.24\n', ' 2.24', '2.24 '])('rejects a version with surrounding white space: %j', (version) => {
    expect(() => buildInstallInfo(input({ version }))).toThrow(expect.objectContaining({ httpStatus: 400 }));
  });

  it('escapes commas so helm does not split the value', () => {
    const { installationStr } = buildInstallInfo(input({ remoteClusterUrl: 'https://k8s.example/a,b' }));
    expect(installationStr).toContain(" --set 'cluster.url=https://k8s.example/a\\,b'");
  });
});
