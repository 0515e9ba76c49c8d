import { z } from 'zod';
import { actorSchema } from '../actor';
import { defineCommand } from './define-command';

/**
 * `auto` lets the deletion service apply the dialect's rule (Run:ai: agents older than
 * 2.20 cannot uninstall themselves, so their clusters are force-deleted) atomically
 * with the delete, instead of the gateway reading first and racing.
 */
export const DELETE_REQUEST_MODES = ['graceful', 'forced', 'auto'] as const;

export const clusterDeleteCommand = defineCommand({
  name: 'cluster.delete',
  service: 'deletion',
  request: z.object({
    actor: actorSchema,
    clusterId: z.string().uuid(),
    mode: z.enum(DELETE_REQUEST_MODES),
  }),
  reply: z.object({
    clusterId: z.string().uuid(),
    mode: z.enum(['graceful', 'forced']),
    /** False when a graceful delete was already in progress and this call changed nothing. */
    started: z.boolean(),
  }),
});
