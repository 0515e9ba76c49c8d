import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppError } from '@clusterplane/contracts';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { MutationRateLimiter } from './mutation-rate-limiter.service';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const OPS_PREFIX = '/ops/';

/**
 * Spends one token of the caller's tenant per mutation. Runs after AuthGuard, so only an
 * authenticated, authorised tenant request is counted; reads, the agent route (no tenant
 * actor) and the operators' routes are never limited.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limiter: MutationRateLimiter) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!this.limiter.enabled || !request.actor || !MUTATIONS.has(request.method) || request.url.startsWith(OPS_PREFIX)) return true;
    const decision = await this.limiter.take(request.actor.tenantId);
    if (decision.allowed) return true;
    throw AppError.rateLimited(`too many changes for this tenant; retry after ${decision.retryAfterSeconds} s`, decision.retryAfterSeconds);
  }
}
