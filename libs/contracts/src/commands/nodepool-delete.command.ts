import { z } from 'zod';
import { defineCommand } from './define-command';
import { deleteReplySchema, projectScopedRequest } from './project-scoped';

/** Drains and deletes the pool's nodes, then the pool. */
export const nodePoolDeleteCommand = defineCommand({
  name: 'nodepool.delete',
  service: 'deletion',
  request: projectScopedRequest({ clusterId: z.string().uuid(), nodePoolId: z.string().uuid() }),
  reply: deleteReplySchema,
});
