import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import type { Role } from '@clusterplane/contracts';
import { TEST_JWT_SECRET, type TestTenant } from '@clusterplane/testing';

/** What a token claims beyond its tenant and roles; every field can be bent to forge a bad one. */
export interface TokenClaims {
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative is in the past. */
  expiresIn?: number;
  /** Seconds from now the token becomes valid. */
  notBeforeIn?: number;
  /** Leaves `tenant_id` out, so the token lacks a required claim. */
  withoutTenantId?: boolean;
  /** Leaves `exp` out: a token that would never expire. */
  withoutExpiry?: boolean;
}

/** How a gateway verifies tokens: the claims it insists on, and the key it trusts. */
export interface TokenIssuer {
  issuer: string;
  audience: string;
  sign(tenant: TestTenant, roles: Role[], claims?: TokenClaims): Promise<string>;
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function claimsOf(tenant: TestTenant, roles: Role[], claims: TokenClaims): Record<string, unknown> {
  return claims.withoutTenantId ? { tenant: tenant.slug, roles } : { tenant_id: tenant.id, tenant: tenant.slug, roles };
}

async function signWith(key: KeyLike | Uint8Array, header: { alg: string; kid?: string }, tenant: TestTenant, roles: Role[], claims: TokenClaims): Promise<string> {
  const jwt = new SignJWT(claimsOf(tenant, roles, claims))
    .setProtectedHeader(header)
    .setSubject(`user@${tenant.slug}`)
    .setIssuedAt();
  if (!claims.withoutExpiry) jwt.setExpirationTime(nowSeconds() + (claims.expiresIn ?? 3600));
  if (claims.issuer) jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt.setAudience(claims.audience);
  if (claims.notBeforeIn !== undefined) jwt.setNotBefore(nowSeconds() + claims.notBeforeIn);
  return jwt.sign(key);
}

/** HS256 tokens for a gateway in secret mode (`JWT_SECRET`). */
export function secretIssuer(options: { issuer: string; audience: string; secret?: string }): TokenIssuer {
  const key = new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET);
  return {
    issuer: options.issuer,
    audience: options.audience,
    sign: (tenant, roles, claims = {}) => signWith(key, { alg: 'HS256' }, tenant, roles, { issuer: options.issuer, audience: options.audience, ...claims }),
  };
}

/** An RS256 key pair published as a JWKS, for a gateway in JWKS mode (`JWT_JWKS_URL`). */
export interface KeyPairIssuer extends TokenIssuer {
  jwks: { keys: JWK[] };
  publicKeyPem: string;
  publicJwk: JWK;
}

export async function keyPairIssuer(options: { issuer: string; audience: string; kid: string }): Promise<KeyPairIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: options.kid, alg: 'RS256', use: 'sig' };
  return {
    issuer: options.issuer,
    audience: options.audience,
    jwks: { keys: [publicJwk] },
    publicKeyPem: await exportSPKI(publicKey),
    publicJwk,
    sign: (tenant, roles, claims = {}) => signWith(privateKey, { alg: 'RS256', kid: options.kid }, tenant, roles, { issuer: options.issuer, audience: options.audience, ...claims }),
  };
}

/** `alg: none` with an empty signature: claims anyone could write. */
export function unsignedToken(tenant: TestTenant, roles: Role[], claims: TokenClaims = {}): string {
  const payload = { ...claimsOf(tenant, roles, claims), sub: `user@${tenant.slug}`, iss: claims.issuer, aud: claims.audience, iat: nowSeconds(), exp: nowSeconds() + 3600 };
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
}

/**
 * The algorithm-confusion forgery: HS256 keyed with the issuer's published public key (as PEM
 * or as JWK JSON), which a verifier that trusts the token's `alg` would accept.
 */
export async function hmacWithPublicKey(issuer: KeyPairIssuer, form: 'pem' | 'jwk', tenant: TestTenant, roles: Role[]): Promise<string> {
  const secret = new TextEncoder().encode(form === 'pem' ? issuer.publicKeyPem : JSON.stringify(issuer.publicJwk));
  return signWith(secret, { alg: 'HS256', kid: issuer.publicJwk.kid }, tenant, roles, { issuer: issuer.issuer, audience: issuer.audience });
}
