import { z } from 'zod';
import { defineCommand } from './define-command';
import { createdReplySchema, projectScopedRequest } from './project-scoped';

/** Adds a pool to a live managed cluster of the project; a live pool of that name is a 409. */
export const nodePoolCreateCommand = defineCommand({
  name: 'nodepool.create',
  service: 'node-pool',
  request: projectScopedRequest({
    clusterId: z.string().uuid(),
    kind: z.enum(['kubernetes', 'slurm']),
    pool: z.object({
      name: z.string().min(1).max(63),
      instanceType: z.string().min(1).max(32),
      count: z.number().int().min(0).max(1000),
      loginNodes: z.number().int().min(0).max(16).default(0),
    }),
  }),
  reply: createdReplySchema,
});
