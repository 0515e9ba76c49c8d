import { createHmac, hash, timingSafeEqual } from 'node:crypto';

/**
 * An agent's client secret is derived, not stored: HMAC(server key, uuid + secret version).
 * It is stable across install-info calls, and bumping the version (or revoking) retires it.
 */
export function deriveClientSecret(serverKey: string, clusterId: string, secretVersion: number): string {
  return createHmac('sha256', serverKey).update(`${clusterId}:${secretVersion}`).digest('base64url');
}

/**
 * What a secret is compared by: a verifier that checks many presentations keeps the expected
 * one's. Every agent heartbeat hashes the secret it presents: the one-shot `hash` costs half
 * of a `createHash` object's update and digest.
 */
export const clientSecretDigest = (value: string): Buffer => hash('sha256', value, 'buffer');

/**
 * Whether `presented` is the secret whose clientSecretDigest is `expectedDigest`, compared in
 * constant time so a caller cannot learn the secret byte by byte from timings. Comparing
 * equal-length digests also hides the secret's length.
 */
export function clientSecretDigestMatches(expectedDigest: Buffer, presented: string): boolean {
  return timingSafeEqual(expectedDigest, clientSecretDigest(presented));
}
