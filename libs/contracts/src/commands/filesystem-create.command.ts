import { z } from 'zod';
import { defineCommand } from './define-command';
import { committedStateReplySchema, projectScopedRequest } from './project-scoped';

export const filesystemCreateCommand = defineCommand({
  name: 'filesystem.create',
  service: 'provisioning',
  request: projectScopedRequest({ filesystem: z.object({ name: z.string().min(1).max(253), size: z.string().min(1).max(16) }) }),
  reply: committedStateReplySchema,
});
