import { Injectable } from '@nestjs/common';
import { AppError, jobId, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, PrismaService } from '@clusterplane/persistence';
import { QueueRegistry } from '@clusterplane/queues';

/**
 * `instance.delete`: one transaction marks the instance `deleting` (a new generation, so a
 * start or stop still running stops short) with its event; a job releases the machine and
 * then retires the record. Repeating the delete starts nothing new.
 */
@Injectable()
export class DeleteInstanceHandler implements CommandHandler<'instance.delete'> {
  readonly command = 'instance.delete' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
  ) {}

  async handle({ actor, projectId, instanceId }: ParsedCommandRequest<'instance.delete'>): Promise<CommandReply<'instance.delete'>> {
    const started = await this.prisma.$transaction(async (tx) => {
      const [instance] = await tx.$queryRaw<{ state: string }[]>`
        SELECT state FROM instances
        WHERE id = ${instanceId}::uuid AND project_id = ${projectId}::uuid AND tenant_id = ${actor.tenantId} AND deleted_at IS NULL
        FOR UPDATE`;
      if (!instance) throw AppError.notFound(`instance ${instanceId}`);
      if (instance.state === 'deleting') return false;
      await tx.instance.update({ where: { id: instanceId }, data: { state: 'deleting', generation: { increment: 1 } } });
      await appendOutboxEvent(tx, { type: 'instance.delete-requested', tenantId: actor.tenantId, resourceType: 'instance', resourceId: instanceId, data: { projectId, from: instance.state } });
      return true;
    });
    if (started) {
      await this.queues.enqueue('instance.finalize', { instanceId }, { jobId: jobId(instanceId, 'finalize') });
      this.relay.kick();
    }
    return { id: instanceId, started };
  }
}
