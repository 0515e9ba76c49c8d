import { parse } from 'yaml';
import { buildKubeconfig } from './kubeconfig';

describe('buildKubeconfig', () => {
  it('joins one cluster, one token user and the context that uses them', () => {
    const config = parse(buildKubeconfig({ clusterName: 'cluster-01', server: 'https://k.example:6443', certificateAuthorityData: 'Q0E=', token: 'cpk_abc' }));
    expect(config).toEqual({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'cluster-01', cluster: { server: 'https://k.example:6443', 'certificate-authority-data': 'Q0E=' } }],
      users: [{ name: 'cluster-01-admin', user: { token: 'cpk_abc' } }],
      contexts: [{ name: 'cluster-01', context: { cluster: 'cluster-01', user: 'cluster-01-admin' } }],
      'current-context': 'cluster-01',
      preferences: {},
    });
  });

  it('quotes a cluster name YAML would otherwise read as something else', () => {
    const config = parse(buildKubeconfig({ clusterName: 'yes: no # 1', server: 'https://k', certificateAuthorityData: 'x', token: 't' }));
    expect(config['current-context']).toBe('yes: no # 1');
  });
});
