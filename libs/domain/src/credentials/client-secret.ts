import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * An agent's client secret is derived, not stored: HMAC(server key, uuid + secret version).
 * It is stable across install-info calls, and bumping the version (or revoking) retires it.
 */
export function deriveClientSecret(serverKey: string, clusterId: string, secretVersion: number): string {
  return createHmac('sha256', serverKey).update(`${clusterId}:${secretVersion}`).digest('base64url');
}

/** Constant-time comparison so a caller cannot learn the secret byte by byte from timings. */
export function clientSecretMatches(expected: string, presented: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
