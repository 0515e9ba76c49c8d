import { z } from 'zod';
import { actorSchema } from '../actor';
import { clusterManifestSchema } from '../manifests/cluster-manifest.schema';
import { clusterViewSchema } from '../views/cluster-view';
import { defineCommand } from './define-command';

/**
 * TrueFoundry's create-or-update by manifest name (seed 000). With `dryRun` every check runs,
 * the writes included, and the transaction is rolled back: no row, no job, no event.
 */
export const clusterApplyManifestCommand = defineCommand({
  name: 'cluster.apply-manifest',
  service: 'provisioning',
  request: z.object({
    actor: actorSchema,
    manifest: clusterManifestSchema,
    dryRun: z.boolean().default(false),
  }),
  reply: z.object({ cluster: clusterViewSchema, created: z.boolean() }),
});
