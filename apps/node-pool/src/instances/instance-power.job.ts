import { Inject, Injectable } from '@nestjs/common';
import type { JobOf } from '@clusterplane/contracts';
import { powerSteps, type PowerSteps } from '@clusterplane/domain';
import { OutboxRelayService } from '@clusterplane/messaging';
import { changeWithEvent, PrismaService } from '@clusterplane/persistence';
import { CLUSTER_PROVIDER, type ClusterProvider, type ResourceTags } from '@clusterplane/providers';
import type { JobHandler } from '@clusterplane/queues';

/**
 * Settles a start or stop: the provider powers the machine (keyed by instance, action and
 * generation), then `starting` → `running` or `stopping` → `stopped`, guarded by the
 * generation so a delete or a later action that came meanwhile is never overwritten.
 */
@Injectable()
export class InstancePowerJob implements JobHandler<'instance.power'> {
  readonly job = 'instance.power' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    @Inject(CLUSTER_PROVIDER) private readonly provider: ClusterProvider,
  ) {}

  async handle({ instanceId, generation, action }: JobOf<'instance.power'>): Promise<void> {
    const instance = await this.prisma.instance.findUnique({ where: { id: instanceId } });
    const transition = powerSteps(action);
    if (!instance || instance.deletedAt || instance.generation !== generation || instance.state !== transition.during) return;
    if (!instance.externalId) throw new Error(`instance ${instanceId} has no machine`);
    await this.provider.setInstancePower({ externalId: instance.externalId, action, tags: instance.tags as ResourceTags }, `instance/${instanceId}/${action}/g${generation}`);
    await this.settle(instanceId, generation, transition.during, transition.after);
  }

  /** A machine that would not power on or off is `error`: its real state is unknown. */
  async onFinalFailure({ instanceId, generation, action }: JobOf<'instance.power'>): Promise<void> {
    await this.settle(instanceId, generation, powerSteps(action).during, 'error');
  }

  private async settle(instanceId: string, generation: number, from: PowerSteps['during'], to: PowerSteps['after'] | 'error'): Promise<void> {
    const settled = await changeWithEvent(this.prisma, async (tx) => {
      const instance = await tx.instance.findUnique({ where: { id: instanceId }, select: { tenantId: true } });
      const { count } = await tx.instance.updateMany({ where: { id: instanceId, generation, state: from, deletedAt: null }, data: { state: to } });
      return count === 0 || !instance ? null : { type: 'instance.status-changed', tenantId: instance.tenantId, resourceType: 'instance', resourceId: instanceId, data: { from, to } };
    });
    if (settled) this.relay.kick();
  }
}
