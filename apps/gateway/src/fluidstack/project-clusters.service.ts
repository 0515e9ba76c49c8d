import { Injectable } from '@nestjs/common';
import { AppError, type Actor, type CommandRequest } from '@clusterplane/contracts';
import { CommandClient } from '@clusterplane/messaging';
import { NodePoolReadRepository, ProjectClusterReadRepository, type Cluster, type NodePoolRecord } from '@clusterplane/persistence';

export type ClusterKind = 'kubernetes' | 'slurm';

/** What a Fluidstack create asks of `cluster.create`; the rest is fixed for managed clusters. */
export type ManagedClusterSpec = Pick<CommandRequest<'cluster.create'>['cluster'], 'name' | 'kubernetesVersion' | 'slurmVersion' | 'podCidr' | 'serviceCidr' | 'nodePools'>;

export interface PoolSpec {
  name: string;
  instanceType: string;
  count: number;
  loginNodes?: number;
}

/**
 * The cluster and node-pool plumbing Kubernetes and Slurm routes share: every lookup is
 * scoped to the project and the kind, so another project's cluster (or a Slurm cluster on a
 * Kubernetes route) is a 404. Writes go over the bus; the answer is read back from Postgres.
 */
@Injectable()
export class ProjectClusters {
  constructor(
    private readonly commands: CommandClient,
    private readonly clusters: ProjectClusterReadRepository,
    private readonly pools: NodePoolReadRepository,
  ) {}

  async findOr404(projectId: string, kind: ClusterKind, clusterId: string): Promise<Cluster> {
    const cluster = await this.clusters.findLive(projectId, kind, clusterId);
    if (!cluster) throw AppError.notFound(`cluster ${clusterId}`);
    return cluster;
  }

  list(projectId: string, kind: ClusterKind): Promise<Cluster[]> {
    return this.clusters.list(projectId, kind);
  }

  async create(actor: Actor, projectId: string, kind: ClusterKind, spec: ManagedClusterSpec): Promise<Cluster> {
    const created = await this.commands.send('cluster.create', { actor, cluster: { ...spec, origin: 'managed', provider: 'simulated', kind, projectId } });
    const row = await this.findOr404(projectId, kind, created.id);
    // The answer describes the cluster as the create committed it (PENDING); by the time it is
    // read back, provisioning may already have moved it on.
    return { ...row, phase: created.phase, phaseReason: created.phaseReason };
  }

  /** Fluidstack deletes are graceful and answer 204 at once (SPEC section 5). */
  async remove(actor: Actor, projectId: string, kind: ClusterKind, clusterId: string): Promise<void> {
    await this.findOr404(projectId, kind, clusterId);
    await this.commands.send('cluster.delete', { actor, clusterId, mode: 'graceful' });
  }

  async listPools(projectId: string, kind: ClusterKind, clusterId: string): Promise<{ cluster: Cluster; pools: NodePoolRecord[] }> {
    const cluster = await this.findOr404(projectId, kind, clusterId);
    return { cluster, pools: await this.pools.list(cluster.id) };
  }

  async findPool(projectId: string, kind: ClusterKind, clusterId: string, nodePoolId: string): Promise<{ cluster: Cluster; pool: NodePoolRecord }> {
    const cluster = await this.findOr404(projectId, kind, clusterId);
    const pool = await this.pools.findLive(cluster.id, nodePoolId);
    if (!pool) throw AppError.notFound(`node pool ${nodePoolId}`);
    return { cluster, pool };
  }

  async createPool(actor: Actor, projectId: string, kind: ClusterKind, clusterId: string, pool: PoolSpec): Promise<{ cluster: Cluster; pool: NodePoolRecord }> {
    const created = await this.commands.send('nodepool.create', { actor, projectId, clusterId, kind, pool });
    return this.findPool(projectId, kind, clusterId, created.id);
  }

  loginNodes(clusters: Cluster[]) {
    return this.pools.loginNodes(clusters.map((c) => c.id));
  }
}
