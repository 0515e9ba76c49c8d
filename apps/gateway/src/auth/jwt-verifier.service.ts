import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ROLES, AppError, type Actor } from '@clusterplane/contracts';
import { APP_CONFIG, LOGGER } from '@clusterplane/platform';
import type { GatewayConfig } from '../gateway.config';
import { JwksKeySet, type JwksFetcher } from './jwks-key-set';
import { VerifiedTokenCache } from './verified-token-cache';

const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  tenant_id: z.number().int().positive().max(2_147_483_647),
  tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  roles: z.array(z.enum(ROLES)).min(1),
});

/** Real tokens are well under 2 KiB; a longer one is refused before any parsing. */
const MAX_TOKEN_LENGTH = 8_192;
const VERIFIED_TOKENS_KEPT = 10_000;

/** DI token of an optional JWKS fetcher (tests count and fail fetches through it). */
export const JWKS_FETCHER = Symbol('JWKS_FETCHER');

function rejection(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof errors.JWTExpired) return new AppError('unauthenticated', 'token expired');
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') return new AppError('unauthenticated', 'token is not valid yet');
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp') return new AppError('unauthenticated', 'token has no expiry (exp)');
  return new AppError('unauthenticated', 'invalid token');
}

/**
 * Verifies bearer tokens with the algorithms pinned by JWT_ALGORITHMS, against JWT_SECRET or
 * the issuer's JWKS. Keys are imported once, not per request, so `alg: none`, an algorithm
 * outside the list, or an HS256 token keyed with a published public key never pass.
 */
@Injectable()
export class JwtVerifier implements OnModuleInit {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly jwks?: JwksKeySet;
  private readonly options: JWTVerifyOptions;
  private readonly verified = new VerifiedTokenCache(VERIFIED_TOKENS_KEPT);

  constructor(@Inject(APP_CONFIG) config: GatewayConfig, @Inject(LOGGER) logger: Logger, @Optional() @Inject(JWKS_FETCHER) fetcher?: JwksFetcher) {
    const { jwt } = config;
    if (jwt.jwksUrl) {
      this.jwks = new JwksKeySet({ url: jwt.jwksUrl, algorithms: jwt.algorithms, cacheMaxAgeMs: jwt.jwksCacheMaxAgeMs, cooldownMs: jwt.jwksCooldownMs, logger, fetcher });
      this.key = this.jwks.getKey;
    } else {
      this.key = new TextEncoder().encode(jwt.secret);
    }
    // A token without `exp` would stay valid forever once leaked, so none is accepted.
    this.options = { algorithms: jwt.algorithms, issuer: jwt.issuer, audience: jwt.audience, clockTolerance: jwt.clockSkewSeconds, requiredClaims: ['exp'] };
  }

  async onModuleInit(): Promise<void> {
    await this.jwks?.prefetch();
  }

  async verify(token: string): Promise<Actor> {
    const known = this.verified.get(token);
    if (known) return known;
    if (token.length > MAX_TOKEN_LENGTH) throw new AppError('unauthenticated', 'invalid token');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key as JWTVerifyGetKey, this.options));
    } catch (error) {
      throw rejection(error);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new AppError('unauthenticated', 'token is missing required claims (sub, tenant_id, tenant, roles)');
    const actor: Actor = { tenantId: claims.data.tenant_id, tenantSlug: claims.data.tenant, subject: claims.data.sub, roles: claims.data.roles };
    this.verified.set(token, actor, payload.exp);
    return actor;
  }
}
