import { z } from 'zod';
import { actorSchema } from '../actor';
import { defineCommand } from './define-command';
import { createdReplySchema, tagsSchema } from './project-scoped';

export const projectCreateCommand = defineCommand({
  name: 'project.create',
  service: 'provisioning',
  request: z.object({
    actor: actorSchema,
    project: z.object({ name: z.string().min(1).max(253), tags: tagsSchema.default({}) }),
  }),
  reply: createdReplySchema,
});
