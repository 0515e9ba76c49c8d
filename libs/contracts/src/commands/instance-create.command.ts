import { z } from 'zod';
import { defineCommand } from './define-command';
import { committedStateReplySchema, projectScopedRequest, tagsSchema } from './project-scoped';

export const instanceCreateCommand = defineCommand({
  name: 'instance.create',
  service: 'node-pool',
  request: projectScopedRequest({
    instance: z.object({
      name: z.string().min(1).max(253),
      type: z.string().min(1).max(32),
      image: z.string().min(1).max(255),
      preemptible: z.boolean(),
      ephemeral: z.boolean(),
      userData: z.string().nullable(),
      filesystems: z.array(z.string().uuid()).max(64),
      tags: tagsSchema,
    }),
  }),
  reply: committedStateReplySchema,
});
