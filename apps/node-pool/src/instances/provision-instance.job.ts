import { Inject, Injectable } from '@nestjs/common';
import type { JobOf } from '@clusterplane/contracts';
import { OutboxRelayService } from '@clusterplane/messaging';
import { changeWithEvent, PrismaService } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, deleteKeyFor, type ClusterProvider, type ResourceTags } from '@clusterplane/providers';
import type { JobHandler } from '@clusterplane/queues';

/**
 * Builds an instance's machine once its filesystems are ready (until then the job retries
 * with backoff), keyed by the instance so a retry builds one machine, and moves it from
 * `creating` to `running` with its IP. A delete that began meanwhile listed the provider's
 * resources before this machine existed, so the job releases it itself.
 */
@Injectable()
export class ProvisionInstanceJob implements JobHandler<'instance.provision'> {
  readonly job = 'instance.provision' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  async handle({ instanceId, generation }: JobOf<'instance.provision'>): Promise<void> {
    const instance = await this.prisma.instance.findUnique({ where: { id: instanceId }, include: { filesystems: { include: { filesystem: true } } } });
    if (!instance || instance.deletedAt || instance.state !== 'creating' || instance.generation !== generation) return;
    const pending = instance.filesystems.find((a) => a.filesystem.state !== 'ready');
    if (pending) throw new Error(`filesystem ${pending.filesystemId} is ${pending.filesystem.state}, not ready yet`);

    const machine = await this.provider.createInstance(
      { instanceId, name: instance.name, instanceType: instance.type, image: instance.image, tags: instance.tags as ResourceTags },
      `instance/${instanceId}/create`,
    );
    const running = await changeWithEvent(this.prisma, async (tx) => {
      const { count } = await tx.instance.updateMany({ where: { id: instanceId, generation, state: 'creating', deletedAt: null }, data: { state: 'running', ip: machine.ip, externalId: machine.externalId } });
      return count === 0 ? null : { type: 'instance.ready', tenantId: instance.tenantId, resourceType: 'instance', resourceId: instanceId, data: { projectId: instance.projectId, ip: machine.ip } };
    });
    if (running) this.relay.kick();
    else await this.provider.deleteResource(machine, deleteKeyFor(machine));
  }

  async onFinalFailure({ instanceId, generation }: JobOf<'instance.provision'>, error: Error): Promise<void> {
    const failed = await changeWithEvent(this.prisma, async (tx) => {
      const instance = await tx.instance.findUnique({ where: { id: instanceId }, select: { tenantId: true } });
      const { count } = await tx.instance.updateMany({ where: { id: instanceId, generation, state: 'creating' }, data: { state: 'error' } });
      return count === 0 || !instance ? null : { type: 'instance.failed', tenantId: instance.tenantId, resourceType: 'instance', resourceId: instanceId, data: { reason: error.message.slice(0, 500) } };
    });
    if (failed) this.relay.kick();
  }
}
