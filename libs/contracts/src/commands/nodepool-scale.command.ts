import { z } from 'zod';
import { defineCommand } from './define-command';
import { projectScopedRequest } from './project-scoped';

/** Sets a pool's desired count; each call is a new generation, so the last one wins. */
export const nodePoolScaleCommand = defineCommand({
  name: 'nodepool.scale',
  service: 'node-pool',
  request: projectScopedRequest({ clusterId: z.string().uuid(), nodePoolId: z.string().uuid(), count: z.number().int().min(0).max(1000) }),
  reply: z.object({ id: z.string().uuid(), generation: z.number().int() }),
});
