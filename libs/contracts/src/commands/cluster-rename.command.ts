import { z } from 'zod';
import { actorSchema } from '../actor';
import { clusterViewSchema } from '../views/cluster-view';
import { defineCommand } from './define-command';

/** Renames a live cluster of the actor's tenant; the name stays unique among live clusters. */
export const clusterRenameCommand = defineCommand({
  name: 'cluster.rename',
  service: 'provisioning',
  request: z.object({
    actor: actorSchema,
    clusterId: z.string().uuid(),
    name: z.string(),
  }),
  reply: clusterViewSchema,
});
