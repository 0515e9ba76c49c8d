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
      projectId: z.string().uuid().optional(),
      kubernetesVersion: z.string().max(50).optional(),
      slurmVersion: z.string().max(50).optional(),
      podCidr: z.string().max(43).optional(),
      serviceCidr: z.string().max(43).optional(),
      /** The dialect's provider block (Fireworks eksCluster/fakeCluster), kept as given. */
      providerConfig: z.record(z.string(), z.unknown()).optional(),
      /** The TrueFoundry manifest, kept as applied. */
      manifest: z.record(z.string(), z.unknown()).optional(),
      tags: z.record(z.string(), z.string()).default({}),
      /** Pools a managed cluster is created with; the node-pool service creates their nodes. */
      nodePools: z.array(z.object({ name: z.string().min(1).max(63), instanceType: z.string().min(1).max(32), count: z.number().int().min(0).max(1000), loginNodes: z.number().int().min(0).max(16).default(0) })).max(32).default([]),
    }),
  }),
  reply: clusterViewSchema,
});
