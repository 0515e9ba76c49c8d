import type { ExecutionContext } from '@nestjs/common';
import type { ProjectReadRepository } from '@clusterplane/persistence';
import { ProjectScopeGuard } from './project-scope.guard';

const PROJECT = '123e4567-e89b-42d3-a456-426614174003';
const actor = { tenantId: 7, tenantSlug: 't', subject: 's', roles: ['admin' as const] };

const contextFor = (request: Record<string, unknown>) => ({ switchToHttp: () => ({ getRequest: () => request }) }) as unknown as ExecutionContext;
const guard = (live: string[]) => new ProjectScopeGuard({ findLive: async (tenantId: number, id: string) => (tenantId === 7 && live.includes(id) ? { id } : null) } as unknown as ProjectReadRepository);
const outcome = async (headers: Record<string, unknown>, live = [PROJECT]) => {
  const request: Record<string, unknown> = { headers, actor };
  try {
    await guard(live).canActivate(contextFor(request));
    return { projectId: request['projectId'] };
  } catch (error) {
    return { status: (error as { httpStatus: number }).httpStatus, message: (error as Error).message };
  }
};

describe('ProjectScopeGuard', () => {
  it('admits a live project of the tenant and remembers it (lower-cased)', async () => {
    expect(await outcome({ 'x-project-id': PROJECT.toUpperCase() })).toEqual({ projectId: PROJECT });
  });

  it('answers 400 when the header is missing or empty', async () => {
    expect(await outcome({})).toEqual({ status: 400, message: 'the X-PROJECT-ID header is required' });
    expect(await outcome({ 'x-project-id': '' })).toMatchObject({ status: 400 });
  });

  it('answers 400 when the header is not a uuid, or given twice', async () => {
    expect(await outcome({ 'x-project-id': 'project-1' })).toEqual({ status: 400, message: 'the X-PROJECT-ID header must be a UUID' });
    expect(await outcome({ 'x-project-id': [PROJECT, PROJECT] })).toMatchObject({ status: 400 });
  });

  it('answers 403 for a project that is not a live project of the tenant', async () => {
    expect(await outcome({ 'x-project-id': PROJECT }, [])).toEqual({ status: 403, message: `project ${PROJECT} is not a project of this tenant` });
  });
});
