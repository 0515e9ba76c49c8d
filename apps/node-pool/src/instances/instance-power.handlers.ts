import { Injectable } from '@nestjs/common';
import { AppError, jobId, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { powerTransition, type InstanceState, type PowerAction } from '@clusterplane/domain';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, PrismaService } from '@clusterplane/persistence';
import { QueueRegistry } from '@clusterplane/queues';

type PowerCommand = 'instance.start' | 'instance.stop';

/**
 * Start and stop (SPEC section 4): under a row lock, the transition function decides whether
 * the action is allowed (else 409); the instance shows the in-between state at once, with a
 * new generation and its event, and a job asks the provider and settles it.
 */
@Injectable() // gives the shared constructor its injection metadata
abstract class InstancePowerHandler<C extends PowerCommand> implements CommandHandler<C> {
  abstract readonly command: C;
  protected abstract readonly action: PowerAction;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
  ) {}

  async handle({ actor, projectId, instanceId }: ParsedCommandRequest<C>): Promise<CommandReply<C>> {
    const { generation, state } = await this.prisma.$transaction(async (tx) => {
      const [instance] = await tx.$queryRaw<{ state: string; generation: number }[]>`
        SELECT state::text AS state, generation FROM instances
        WHERE id = ${instanceId}::uuid AND project_id = ${projectId}::uuid AND tenant_id = ${actor.tenantId} AND deleted_at IS NULL
        FOR UPDATE`;
      if (!instance) throw AppError.notFound(`instance ${instanceId}`);
      const transition = powerTransition(instance.state as InstanceState, this.action);
      if (!transition) throw new AppError('failed_precondition', `instance ${instanceId} is ${instance.state}; it can be ${this.action === 'start' ? 'started only when stopped' : 'stopped only when running'}`);
      const next = instance.generation + 1;
      await tx.instance.update({ where: { id: instanceId }, data: { state: transition.during, generation: next } });
      await appendOutboxEvent(tx, { type: 'instance.status-changed', tenantId: actor.tenantId, resourceType: 'instance', resourceId: instanceId, data: { from: instance.state, to: transition.during } });
      return { generation: next, state: transition.during };
    });
    await this.queues.enqueue('instance.power', { instanceId, generation, action: this.action }, { jobId: jobId(instanceId, this.action, generation) });
    this.relay.kick();
    return { id: instanceId, state } as CommandReply<C>;
  }
}

@Injectable()
export class StartInstanceHandler extends InstancePowerHandler<'instance.start'> {
  readonly command = 'instance.start' as const;
  protected readonly action = 'start' as const;
}

@Injectable()
export class StopInstanceHandler extends InstancePowerHandler<'instance.stop'> {
  readonly command = 'instance.stop' as const;
  protected readonly action = 'stop' as const;
}
