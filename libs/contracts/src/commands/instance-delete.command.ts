import { z } from 'zod';
import { defineCommand } from './define-command';
import { deleteReplySchema, projectScopedRequest } from './project-scoped';

export const instanceDeleteCommand = defineCommand({
  name: 'instance.delete',
  service: 'deletion',
  request: projectScopedRequest({ instanceId: z.string().uuid() }),
  reply: deleteReplySchema,
});
