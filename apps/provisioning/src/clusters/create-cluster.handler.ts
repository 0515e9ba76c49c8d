import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, jobId, type ClusterView, type ParsedCommandRequest } from '@clusterplane/contracts';
import { clusterNameProblem, parseInstanceType } from '@clusterplane/domain';
import type { CommandHandler } from '@clusterplane/messaging';
import { OutboxRelayService } from '@clusterplane/messaging';
import { foreignProject, insertClusterWithEvent, isUniqueViolation, PrismaService, toClusterView } from '@clusterplane/persistence';
import { QueueRegistry } from '@clusterplane/queues';
import { TenantRegistry } from './tenant-registry';

/**
 * `cluster.create`: validates, records the cluster, its node pools and its `cluster.created`
 * event in one statement, then enqueues provisioning. If the process dies after the commit, the
 * reconciler finds the Pending cluster and enqueues the same job id again.
 */
@Injectable()
export class CreateClusterHandler implements CommandHandler<'cluster.create'> {
  readonly command = 'cluster.create' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
    private readonly tenants: TenantRegistry,
  ) {}

  async handle({ actor, cluster }: ParsedCommandRequest<'cluster.create'>): Promise<ClusterView> {
    const problem = clusterNameProblem(cluster.name);
    if (problem) throw AppError.invalid(problem, [{ field: 'name', message: problem }]);
    const badType = cluster.nodePools.find((pool) => !parseInstanceType(pool.instanceType));
    if (badType) throw AppError.invalid(`unknown instance type '${badType.instanceType}'`, [{ field: 'nodePools.type', message: 'unknown instance type' }]);
    await this.tenants.ensure(actor.tenantId, actor.tenantSlug);

    const id = randomUUID();
    let row;
    try {
      row = await insertClusterWithEvent(
        this.prisma,
        {
          id,
          tenantId: actor.tenantId,
          name: cluster.name,
          displayName: cluster.displayName ?? null,
          domain: cluster.domain ?? null,
          agentVersion: cluster.agentVersion ?? null,
          origin: cluster.origin,
          kind: cluster.kind,
          provider: cluster.provider,
          projectId: cluster.projectId ?? null,
          kubernetesVersion: cluster.kubernetesVersion ?? null,
          slurmVersion: cluster.slurmVersion ?? null,
          podCidr: cluster.podCidr ?? null,
          serviceCidr: cluster.serviceCidr ?? null,
          providerConfig: (cluster.providerConfig as object | undefined) ?? null,
          manifest: (cluster.manifest as object | undefined) ?? null,
          tags: cluster.tags,
          createdBy: actor.subject,
        },
        cluster.nodePools.map((pool) => ({ id: randomUUID(), name: pool.name, instanceType: pool.instanceType, desiredCount: pool.count, loginNodes: pool.loginNodes })),
        {
          type: 'cluster.created',
          tenantId: actor.tenantId,
          resourceType: 'cluster',
          resourceId: id,
          data: { name: cluster.name, origin: cluster.origin, kind: cluster.kind, createdBy: actor.subject },
        },
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('already_exists', `a cluster named '${cluster.name}' already exists`, [{ field: 'name', message: 'already taken' }]);
      throw error;
    }
    // A project's clusters keep it from being deleted: the insert happened only while it was live.
    if (!row) throw foreignProject(cluster.projectId!);

    await this.queues.enqueue('cluster.provision', { clusterId: id, generation: row.generation }, { jobId: jobId(id, 'provision', row.generation) });
    this.relay.kick();
    return toClusterView(row);
  }
}
