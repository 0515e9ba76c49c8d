import type { QueueName } from './queue-names';

interface JobContext {
  correlationId?: string;
}

/**
 * Job payloads keyed by job name. The names are constants (never derived from class names),
 * because a rename would orphan jobs already queued in Redis.
 */
export interface JobPayloads {
  'cluster.provision': JobContext & { clusterId: string; generation: number };
  /** Re-evaluates whether a provisioning managed cluster has all its pools ready. */
  'cluster.ready-check': JobContext & { clusterId: string };
  /** Converges a node pool's nodes on its desired count (create, or drain and delete). */
  'nodepool.reconcile': JobContext & { nodePoolId: string; generation: number };
  /** Heartbeats of the agents the simulated provider installed in managed clusters. */
  'status.simulated-agents': JobContext;
  'cluster.finalize': JobContext & { clusterId: string };
  'orphans.collect': JobContext & { clusterId: string };
  'status.sweep-liveness': JobContext;
  /** Level-triggered reconcilers: re-enqueue work for resources whose job was lost. */
  'reconcile.provisioning': JobContext;
  'reconcile.node-pools': JobContext;
  'reconcile.deletions': JobContext;
  'status.prune-metrics': JobContext;
  /** Upgrades a managed cluster to the version its spec (generation) asks for. */
  'cluster.upgrade': JobContext & { clusterId: string; generation: number };
  /** Creates a filesystem's volume at the provider. */
  'filesystem.provision': JobContext & { filesystemId: string };
  /** Builds an instance's machine; `creating` → `running`. */
  'instance.provision': JobContext & { instanceId: string; generation: number };
  /** Powers an instance on or off; `starting` → `running`, `stopping` → `stopped`. */
  'instance.power': JobContext & { instanceId: string; generation: number; action: 'start' | 'stop' };
  /** Releases a deleted instance's machine, then retires it. */
  'instance.finalize': JobContext & { instanceId: string };
  /** Releases a deleted filesystem's volume, then retires it. */
  'filesystem.finalize': JobContext & { filesystemId: string };
  /** Drains and deletes a deleted pool's nodes, then retires it. */
  'nodepool.finalize': JobContext & { nodePoolId: string };
}

export type JobName = keyof JobPayloads;
export type JobOf<N extends JobName> = JobPayloads[N];

/** Which queue carries each job; a job name without a queue does not compile. */
export const JOB_QUEUES: Record<JobName, QueueName> = {
  'cluster.provision': 'provisioning',
  'cluster.ready-check': 'provisioning',
  'nodepool.reconcile': 'node-pool',
  'status.simulated-agents': 'status',
  'cluster.finalize': 'deletion',
  'orphans.collect': 'deletion',
  'status.sweep-liveness': 'status',
  'reconcile.provisioning': 'provisioning',
  'reconcile.node-pools': 'node-pool',
  'reconcile.deletions': 'deletion',
  'status.prune-metrics': 'status',
  'cluster.upgrade': 'provisioning',
  'filesystem.provision': 'provisioning',
  'instance.provision': 'node-pool',
  'instance.power': 'node-pool',
  'instance.finalize': 'deletion',
  'filesystem.finalize': 'deletion',
  'nodepool.finalize': 'deletion',
};
