import type { Actor } from '@clusterplane/contracts';
import { appendOutboxEvent, type TransactionClient } from '@clusterplane/persistence';

/** Users are part of a Slurm cluster's spec: each change is a `cluster.updated` event. */
export async function announceSlurmUserChange(tx: TransactionClient, actor: Actor, clusterId: string, change: Record<string, string>): Promise<void> {
  await appendOutboxEvent(tx, { type: 'cluster.updated', tenantId: actor.tenantId, resourceType: 'cluster', resourceId: clusterId, data: { slurmUsers: change, updatedBy: actor.subject } });
}
