import { z } from 'zod';
import { defineCommand } from './define-command';
import { projectScopedRequest } from './project-scoped';

/**
 * Moves a managed Kubernetes cluster to a newer version: phase Updating, a provisioning job
 * upgrades the control plane and then the pools, and the cluster is Ready again.
 */
export const clusterUpgradeCommand = defineCommand({
  name: 'cluster.upgrade',
  service: 'provisioning',
  request: projectScopedRequest({ clusterId: z.string().uuid(), version: z.string().min(1).max(50) }),
  /** `started` is false when the cluster already runs that version. */
  reply: z.object({ id: z.string().uuid(), started: z.boolean() }),
});
