import { clientSecretDigest, clientSecretDigestMatches, deriveClientSecret } from './client-secret';

const KEY = 'server-key';
const CLUSTER = '3f2b8c1e-0000-4000-8000-000000000001';

describe('deriveClientSecret', () => {
  it('is HMAC-SHA256(key, "<cluster>:<version>") in base64url (pinned: changing it retires every installed agent)', () => {
    // Computed independently with: printf '<cluster>:1' | openssl dgst -sha256 -hmac server-key -binary | base64url
    expect(deriveClientSecret(KEY, CLUSTER, 1)).toBe('eK74pYmgaEilOLlfm73yi5wAJ715b62rjkUzxRGwMyo');
  });

  it('is deterministic for the same inputs', () => {
    expect(deriveClientSecret(KEY, CLUSTER, 3)).toBe(deriveClientSecret(KEY, CLUSTER, 3));
  });

  it('differs by cluster id, secret version and server key', () => {
    const base = deriveClientSecret(KEY, CLUSTER, 1);
    expect(deriveClientSecret(KEY, '3f2b8c1e-0000-4000-8000-000000000002', 1)).not.toBe(base);
    expect(deriveClientSecret(KEY, CLUSTER, 2)).not.toBe(base);
    expect(deriveClientSecret('other-key', CLUSTER, 1)).not.toBe(base);
  });

  it('uses only the base64url alphabet without padding', () => {
    for (let version = 0; version < 50; version++) {
      expect(deriveClientSecret(KEY, CLUSTER, version)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });
});

describe('clientSecretDigestMatches', () => {
  const secret = deriveClientSecret(KEY, CLUSTER, 1);
  const digest = clientSecretDigest(secret);

  it('is true for the same secret', () => {
    expect(clientSecretDigestMatches(digest, `${secret}`)).toBe(true);
  });

  it('is false for a different secret of the same length', () => {
    const flipped = (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1);
    expect(clientSecretDigestMatches(digest, flipped)).toBe(false);
    expect(clientSecretDigestMatches(digest, deriveClientSecret(KEY, CLUSTER, 2))).toBe(false);
  });

  it('is false (without throwing) for a different length', () => {
    expect(clientSecretDigestMatches(digest, secret.slice(0, -1))).toBe(false);
    expect(clientSecretDigestMatches(digest, `${secret}x`)).toBe(false);
    expect(clientSecretDigestMatches(digest, '')).toBe(false);
  });
});
