import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppError } from '@clusterplane/contracts';
import { ProjectReadRepository } from '@clusterplane/persistence';
import type { AuthenticatedRequest } from '../auth/auth.guard';

export const PROJECT_HEADER = 'x-project-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ScopedRequest = AuthenticatedRequest & { projectId?: string };

/**
 * Fluidstack scopes every route but the project routes by `X-PROJECT-ID`: missing or not a
 * uuid is 400, anything but a live project of the caller's tenant is 403. Runs after the
 * global auth guard, so the caller is known.
 */
@Injectable()
export class ProjectScopeGuard implements CanActivate {
  constructor(private readonly projects: ProjectReadRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const header = request.headers[PROJECT_HEADER];
    if (header === undefined || header === '') throw AppError.invalid('the X-PROJECT-ID header is required', [{ field: 'X-PROJECT-ID', message: 'is required' }]);
    if (typeof header !== 'string' || !UUID.test(header)) throw AppError.invalid('the X-PROJECT-ID header must be a UUID', [{ field: 'X-PROJECT-ID', message: 'must be a UUID' }]);
    if (!request.actor) throw new AppError('unauthenticated', 'missing bearer token');
    const projectId = header.toLowerCase();
    const project = await this.projects.findLive(request.actor.tenantId, projectId);
    if (!project) throw new AppError('permission_denied', `project ${projectId} is not a project of this tenant`);
    request.projectId = projectId;
    return true;
  }
}

/** The project `ProjectScopeGuard` admitted. */
export const CurrentProject = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const projectId = context.switchToHttp().getRequest<ScopedRequest>().projectId;
  if (!projectId) throw new AppError('internal', 'route is not guarded by ProjectScopeGuard');
  return projectId;
});
