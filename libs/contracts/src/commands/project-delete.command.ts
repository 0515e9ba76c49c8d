import { z } from 'zod';
import { actorSchema } from '../actor';
import { defineCommand } from './define-command';
import { deleteReplySchema } from './project-scoped';

/** Refused (409) while the project still holds clusters, instances or filesystems. */
export const projectDeleteCommand = defineCommand({
  name: 'project.delete',
  service: 'deletion',
  request: z.object({ actor: actorSchema, projectId: z.string().uuid() }),
  reply: deleteReplySchema,
});
