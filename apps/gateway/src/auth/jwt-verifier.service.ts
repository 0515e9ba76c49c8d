import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { ROLES, AppError, type Actor } from '@clusterplane/contracts';
import { APP_CONFIG } from '@clusterplane/platform';
import type { GatewayConfig } from '../gateway.config';

const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  tenant_id: z.number().int().positive().max(2_147_483_647),
  tenant: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  roles: z.array(z.enum(ROLES)).min(1),
});

/**
 * Verifies bearer tokens. The key is imported once at start-up and the algorithm is pinned,
 * so `alg: none` or an HS256 token signed with some other key can never pass.
 */
@Injectable()
export class JwtVerifier {
  private readonly key: Uint8Array;

  constructor(@Inject(APP_CONFIG) private readonly config: GatewayConfig) {
    this.key = new TextEncoder().encode(config.jwt.secret);
  }

  async verify(token: string): Promise<Actor> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
        clockTolerance: this.config.jwt.clockSkewSeconds,
      }));
    } catch (error) {
      throw new AppError('unauthenticated', error instanceof errors.JWTExpired ? 'token expired' : 'invalid token');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new AppError('unauthenticated', 'token is missing required claims (sub, tenant_id, tenant, roles)');
    return { tenantId: claims.data.tenant_id, tenantSlug: claims.data.tenant, subject: claims.data.sub, roles: claims.data.roles };
  }
}
