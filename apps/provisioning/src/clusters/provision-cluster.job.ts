import { Inject, Injectable } from '@nestjs/common';
import { jobId, type JobOf } from '@clusterplane/contracts';
import { OutboxRelayService } from '@clusterplane/messaging';
import { appendOutboxEvent, isStepDone, markStepDone, PrismaService } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, ProvisioningFence, type ClusterProvider, type ExternalResource } from '@clusterplane/providers';
import { QueueRegistry, type JobHandler, type JobOutcome } from '@clusterplane/queues';
import { ClusterReadiness } from './cluster-readiness';
import { readProvisioningState, type ProvisioningState } from './provisioning-state';

const PROVISIONABLE = ['Pending', 'Provisioning'] as const;

/**
 * Provisions a cluster step by step, each step checkpointed in Postgres so a retried or
 * re-enqueued job skips what is done. A registered cluster only needs its agent credentials,
 * checkpointed in the statement that makes it Ready. A managed one gets a control plane,
 * credentials, and its node pools handed to the node-pool service; it becomes Ready when the
 * last pool is (see ReadyCheckJob).
 */
@Injectable()
export class ProvisionClusterJob implements JobHandler<'cluster.provision'> {
  readonly job = 'cluster.provision' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    private readonly queues: QueueRegistry,
    private readonly readiness: ClusterReadiness,
    private readonly fence: ProvisioningFence,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  async handle({ clusterId, generation }: JobOf<'cluster.provision'>): Promise<JobOutcome | void> {
    const cluster = await readProvisioningState(this.prisma, clusterId);
    if (!cluster || cluster.deleting) return 'skipped: the cluster is deleted or being deleted';
    if (cluster.generation !== generation) return `skipped: generation ${generation} was superseded by ${cluster.generation}`;
    if (!PROVISIONABLE.includes(cluster.phase as never)) return `skipped: the cluster is ${cluster.phase}`;
    if (cluster.origin === 'registered') return this.readyWithCredentials(cluster);

    // Each step returns false when the cluster turned out to be deleted meanwhile: stop cleanly.
    if (!(await this.provisionInfrastructure(cluster))) return 'skipped: the cluster was deleted while provisioning';
    if (!(await this.issueCredentials(cluster))) return 'skipped: the cluster was deleted while provisioning';
    await this.handOverNodePools(cluster);
  }

  async onFinalFailure({ clusterId, generation }: JobOf<'cluster.provision'>, error: Error): Promise<void> {
    await this.readiness.markFailed(clusterId, generation, error.message);
  }

  private async provisionInfrastructure(cluster: ProvisioningState): Promise<boolean> {
    if (cluster.doneSteps.has('control-plane')) return true;
    await this.prisma.cluster.updateMany({ where: { id: cluster.id, phase: 'Pending' }, data: { phase: 'Provisioning' } });
    const controlPlane = await this.provider.createControlPlane(
      { clusterId: cluster.id, kubernetesVersion: cluster.kubernetesVersion, tags: cluster.tags },
      `cluster/${cluster.id}/control-plane`,
    );
    if (await this.fence.releaseIfDeleting(cluster.id, controlPlane)) return false;
    await this.prisma.$transaction(async (tx) => {
      await tx.cluster.update({ where: { id: cluster.id }, data: { endpoint: controlPlane.endpoint, caData: controlPlane.caData } });
      await markStepDone(tx, cluster.id, 'control-plane', cluster.generation, { externalId: controlPlane.externalId });
    });
    return true;
  }

  private async issueCredentials(cluster: ProvisioningState): Promise<boolean> {
    if (cluster.doneSteps.has('credentials')) return true;
    const credentials = await this.createCredentials(cluster);
    if (await this.fence.releaseIfDeleting(cluster.id, credentials)) return false;
    await markStepDone(this.prisma, cluster.id, 'credentials', cluster.generation);
    return true;
  }

  /**
   * A registered cluster: credentials, then Ready with the credentials checkpoint in the same
   * statement. The Ready guard also fences: if the cluster is being deleted by then, the
   * credentials just created are released here.
   */
  private async readyWithCredentials(cluster: ProvisioningState): Promise<JobOutcome | void> {
    const credentials = cluster.doneSteps.has('credentials') ? undefined : await this.createCredentials(cluster);
    if (await this.readiness.markReady(cluster, credentials ? ['credentials'] : [])) return;
    if (await this.fence.releaseIfDeleting(cluster.id, credentials)) return 'skipped: the cluster was deleted while provisioning';
    if (credentials) await markStepDone(this.prisma, cluster.id, 'credentials', cluster.generation);
  }

  private createCredentials(cluster: ProvisioningState): Promise<ExternalResource> {
    return this.provider.issueCredentials({ clusterId: cluster.id, secretVersion: cluster.secretVersion, tags: cluster.tags }, `cluster/${cluster.id}/credentials/v${cluster.secretVersion}`);
  }

  /** One reconcile job per pool; with no pools the cluster is ready at once. */
  private async handOverNodePools(cluster: ProvisioningState): Promise<void> {
    const pools = await this.prisma.nodePool.findMany({ where: { clusterId: cluster.id, deletedAt: null }, select: { id: true, generation: true } });
    for (const pool of pools) {
      await this.queues.enqueue('nodepool.reconcile', { nodePoolId: pool.id, generation: pool.generation }, { jobId: jobId(pool.id, 'reconcile', pool.generation) });
    }
    if (pools.length === 0) await this.queues.enqueue('cluster.ready-check', { clusterId: cluster.id }, { jobId: jobId(cluster.id, 'ready-check', cluster.generation) });
    await this.prisma.$transaction(async (tx) => {
      if (await isStepDone(tx, cluster.id, 'node-pools', cluster.generation)) return;
      await markStepDone(tx, cluster.id, 'node-pools', cluster.generation, { pools: pools.length });
      await appendOutboxEvent(tx, { type: 'cluster.updated', tenantId: cluster.tenantId, resourceType: 'cluster', resourceId: cluster.id, data: { phase: 'Provisioning', nodePools: pools.length } });
    });
    this.relay.kick();
  }
}
