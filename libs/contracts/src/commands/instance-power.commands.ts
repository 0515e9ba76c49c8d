import { z } from 'zod';
import { defineCommand } from './define-command';
import { committedStateReplySchema, projectScopedRequest } from './project-scoped';

const powerRequest = projectScopedRequest({ instanceId: z.string().uuid() });

/** stopped → starting → running; any other state is a 409 (SPEC section 4). */
export const instanceStartCommand = defineCommand({ name: 'instance.start', service: 'node-pool', request: powerRequest, reply: committedStateReplySchema });

/** running → stopping → stopped; any other state is a 409 (SPEC section 4). */
export const instanceStopCommand = defineCommand({ name: 'instance.stop', service: 'node-pool', request: powerRequest, reply: committedStateReplySchema });
