import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError, type Actor, type Role } from '@clusterplane/contracts';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from '@clusterplane/platform';
import { JwtVerifier } from './jwt-verifier.service';

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const READERS: Role[] = ['admin', 'editor', 'viewer'];
const WRITERS: Role[] = ['admin', 'editor'];

/**
 * Every route needs a bearer token unless marked @Public(). Without explicit @RequireRoles,
 * reads need any tenant role and mutations need editor or admin.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new AppError('unauthenticated', 'missing bearer token');
    const actor = await this.verifier.verify(match[1]!);

    const required = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets) ?? (READ_METHODS.has(request.method) ? READERS : WRITERS);
    if (!required.some((role) => actor.roles.includes(role))) {
      throw new AppError('permission_denied', `this action needs one of the roles: ${required.join(', ')}`);
    }
    request.actor = actor;
    return true;
  }
}
