import { SetMetadata } from '@nestjs/common';
import type { Role } from '@clusterplane/contracts';

export const PUBLIC_ROUTE = 'clusterplane:public-route';
export const REQUIRED_ROLES = 'clusterplane:required-roles';

/** Marks a route that needs no bearer token (health probes, the agent route). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** Any one of `roles` grants access; enforced by the gateway's auth guard. */
export const RequireRoles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);
