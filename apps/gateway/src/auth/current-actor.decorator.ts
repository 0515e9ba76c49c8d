import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { AppError, type Actor } from '@clusterplane/contracts';
import type { AuthenticatedRequest } from './auth.guard';

/** The verified caller, set by AuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new AppError('unauthenticated', 'missing bearer token');
  return actor;
});
