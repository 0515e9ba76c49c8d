import { z } from 'zod';
import { actorSchema } from '../actor';
import { clusterViewSchema } from '../views/cluster-view';
import { defineCommand } from './define-command';

export const clusterCreateCommand = defineCommand({
  name: 'cluster.create',
  service: 'provisioning',
  request: z.object({
    actor: actorSchema,
    cluster: z.object({
      name: z.string(),
      displayName: z.string().optional(),
      domain: z.string().optional(),
      agentVersion: z.string().optional(),
      origin: z.enum(['registered', 'managed']),
      kind: z.enum(['kubernetes', 'slurm']).default('kubernetes'),
      provider: z.string().default('generic'),
    }),
  }),
  reply: clusterViewSchema,
});
