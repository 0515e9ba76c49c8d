import { z } from 'zod';

export const CLUSTER_PHASES = ['Pending', 'Provisioning', 'Ready', 'Updating', 'Deleting', 'Deleted', 'Failed'] as const;
export type ClusterPhase = (typeof CLUSTER_PHASES)[number];

export const RUNAI_CLUSTER_STATES = [
  'WaitingToConnect',
  'Connected',
  'Disconnected',
  'MissingPrerequisites',
  'ServiceIssues',
  'Unknown',
] as const;
export type RunaiClusterState = (typeof RUNAI_CLUSTER_STATES)[number];

const isoDate = z.string();

/** Dialect-neutral cluster record: what commands reply with and read models return. */
export const clusterViewSchema = z.object({
  id: z.string().uuid(),
  tenantId: z.number().int(),
  projectId: z.string().nullable(),
  name: z.string(),
  displayName: z.string().nullable(),
  kind: z.enum(['kubernetes', 'slurm']),
  origin: z.enum(['registered', 'managed']),
  provider: z.string(),
  agentVersion: z.string().nullable(),
  kubernetesVersion: z.string().nullable(),
  domain: z.string().nullable(),
  phase: z.enum(CLUSTER_PHASES),
  phaseReason: z.string().nullable(),
  generation: z.number().int(),
  state: z.enum(RUNAI_CLUSTER_STATES),
  reportedStatus: z.record(z.string(), z.unknown()).nullable(),
  lastLiveness: isoDate.nullable(),
  deleteRequestedAt: isoDate.nullable(),
  deletedAt: isoDate.nullable(),
  createdBy: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
  /** The TrueFoundry manifest as last applied (clusters applied through that dialect). */
  manifest: z.record(z.string(), z.unknown()).nullable().optional(),
  /** The dialect's provider block (Fireworks `{eksCluster}` or `{fakeCluster}`) as given. */
  providerConfig: z.record(z.string(), z.unknown()).nullable().optional(),
});

export type ClusterView = z.infer<typeof clusterViewSchema>;
