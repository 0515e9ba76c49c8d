import { z } from 'zod';
import { defineCommand } from './define-command';
import { deleteReplySchema, projectScopedRequest } from './project-scoped';

/** Refused (409) while an instance that is not yet gone has the filesystem attached. */
export const filesystemDeleteCommand = defineCommand({
  name: 'filesystem.delete',
  service: 'deletion',
  request: projectScopedRequest({ filesystemId: z.string().uuid() }),
  reply: deleteReplySchema,
});
