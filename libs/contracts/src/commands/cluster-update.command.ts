import { z } from 'zod';
import { actorSchema } from '../actor';
import { clusterViewSchema } from '../views/cluster-view';
import { defineCommand } from './define-command';

/**
 * Changes a live cluster's display name and/or its dialect provider block (Fireworks PATCH).
 * A provider block keeps its kind: an `eksCluster` cannot become a `fakeCluster`. A real
 * change bumps `generation` and announces `cluster.updated`; a no-op changes nothing.
 */
export const clusterUpdateCommand = defineCommand({
  name: 'cluster.update',
  service: 'provisioning',
  request: z.object({
    actor: actorSchema,
    clusterId: z.string().uuid(),
    /** null clears it. */
    displayName: z.string().max(253).nullable().optional(),
    /** One key, the block's kind (e.g. `eksCluster`), holding the block as given. */
    providerConfig: z.record(z.string(), z.record(z.string(), z.unknown())).refine((block) => Object.keys(block).length === 1, 'must hold exactly one provider block').optional(),
  }),
  reply: clusterViewSchema,
});
