/** Signature algorithms a token may be pinned to (jose's names). */
export const JWT_ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/** HMAC algorithms verify with a shared secret; every other one with a public key. */
export const isHmacAlgorithm = (algorithm: string): boolean => algorithm.startsWith('HS');

export const DEFAULT_SECRET_ALGORITHMS: JwtAlgorithm[] = ['HS256'];
export const DEFAULT_JWKS_ALGORITHMS: JwtAlgorithm[] = ['RS256', 'ES256'];
