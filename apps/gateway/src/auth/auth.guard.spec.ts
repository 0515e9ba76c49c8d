import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, type Actor, type Role } from '@clusterplane/contracts';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from '@clusterplane/platform';
import { AuthGuard } from './auth.guard';
import type { JwtVerifier } from './jwt-verifier.service';

const actorWith = (roles: Role[]): Actor => ({ tenantId: 1, tenantSlug: 'acme', subject: 'u', roles });

/** A guard whose verifier accepts the token `roles:<comma list>` and nothing else. */
function guardFor(metadata: { public?: boolean; roles?: Role[] } = {}) {
  const reflector = { getAllAndOverride: (key: string) => (key === PUBLIC_ROUTE ? metadata.public : key === REQUIRED_ROLES ? metadata.roles : undefined) } as unknown as Reflector;
  const verifier = {
    verify: async (token: string) => {
      if (!token.startsWith('roles:')) throw new AppError('unauthenticated', 'invalid token');
      return actorWith(token.slice(6).split(',') as Role[]);
    },
  } as unknown as JwtVerifier;
  return new AuthGuard(reflector, verifier);
}

function context(method: string, authorization?: string): ExecutionContext {
  const request = { method, headers: authorization === undefined ? {} : { authorization } };
  return { getHandler: () => undefined, getClass: () => undefined, switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

const outcome = (promise: Promise<boolean>) => promise.then(() => 200, (error: AppError) => error.httpStatus);

describe('AuthGuard role rules', () => {
  it.each([
    ['viewer', 'GET', 200],
    ['viewer', 'POST', 403],
    ['viewer', 'DELETE', 403],
    ['editor', 'GET', 200],
    ['editor', 'PUT', 200],
    ['admin', 'PATCH', 200],
    ['ops', 'GET', 403],
    ['ops', 'POST', 403],
    ['ops,editor', 'POST', 200],
  ])('tenant route: %s %s → %i', async (roles, method, status) => {
    await expect(outcome(guardFor().canActivate(context(method, `Bearer roles:${roles}`)))).resolves.toBe(status);
  });

  it.each([
    ['ops', 'GET', 200],
    ['ops', 'POST', 200],
    ['admin', 'GET', 403],
    ['editor,viewer', 'POST', 403],
  ])('ops route: %s %s → %i', async (roles, method, status) => {
    await expect(outcome(guardFor({ roles: ['ops'] }).canActivate(context(method, `Bearer roles:${roles}`)))).resolves.toBe(status);
  });

  it.each([undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'Bearer not-a-token'])('answers 401 for the authorization header %p', async (header) => {
    await expect(outcome(guardFor().canActivate(context('GET', header)))).resolves.toBe(401);
  });

  it('lets a public route through without a token', async () => {
    await expect(guardFor({ public: true }).canActivate(context('POST'))).resolves.toBe(true);
  });
});
