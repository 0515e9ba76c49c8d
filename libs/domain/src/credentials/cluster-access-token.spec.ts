import { deriveClientSecret } from './client-secret';
import { deriveClusterAccessToken } from './cluster-access-token';

const KEY = 'server-key';
const CLUSTER = '3f2b8c1e-0000-4000-8000-000000000001';

describe('deriveClusterAccessToken', () => {
  it('is stable for the same cluster and version', () => {
    expect(deriveClusterAccessToken(KEY, CLUSTER, 1)).toBe(deriveClusterAccessToken(KEY, CLUSTER, 1));
    expect(deriveClusterAccessToken(KEY, CLUSTER, 1)).toMatch(/^cpk_[A-Za-z0-9_-]{43}$/);
  });

  it('differs by cluster, version and key', () => {
    const base = deriveClusterAccessToken(KEY, CLUSTER, 1);
    expect(deriveClusterAccessToken(KEY, '3f2b8c1e-0000-4000-8000-000000000002', 1)).not.toBe(base);
    expect(deriveClusterAccessToken(KEY, CLUSTER, 2)).not.toBe(base);
    expect(deriveClusterAccessToken('other-key', CLUSTER, 1)).not.toBe(base);
  });

  it('never equals the agent client secret of the same cluster', () => {
    expect(deriveClusterAccessToken(KEY, CLUSTER, 1)).not.toContain(deriveClientSecret(KEY, CLUSTER, 1));
  });
});
