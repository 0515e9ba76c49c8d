import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, jobId, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { parseInstanceType } from '@clusterplane/domain';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, lockLiveProject, PrismaService, type TransactionClient } from '@clusterplane/persistence';
import { QueueRegistry } from '@clusterplane/queues';

/**
 * `instance.create`: recorded as `creating` with its filesystems attached and its event, in
 * one transaction that locks the project and the filesystems FOR SHARE (so neither can be
 * deleted under it); then a job has the provider build the machine.
 */
@Injectable()
export class CreateInstanceHandler implements CommandHandler<'instance.create'> {
  readonly command = 'instance.create' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
  ) {}

  async handle({ actor, projectId, instance }: ParsedCommandRequest<'instance.create'>): Promise<CommandReply<'instance.create'>> {
    if (!parseInstanceType(instance.type)) throw AppError.invalid(`unknown instance type '${instance.type}'`, [{ field: 'type', message: 'unknown instance type' }]);
    const id = randomUUID();
    await this.prisma.$transaction(async (tx) => {
      await lockLiveProject(tx, actor.tenantId, projectId, 'FOR SHARE');
      await lockAttachableFilesystems(tx, actor.tenantId, projectId, instance.filesystems);
      await tx.instance.create({
        data: {
          id,
          tenantId: actor.tenantId,
          projectId,
          name: instance.name,
          type: instance.type,
          image: instance.image,
          preemptible: instance.preemptible,
          ephemeral: instance.ephemeral,
          userData: instance.userData,
          tags: instance.tags,
        },
      });
      await tx.instanceFilesystem.createMany({ data: instance.filesystems.map((filesystemId) => ({ instanceId: id, filesystemId })) });
      await appendOutboxEvent(tx, { type: 'instance.created', tenantId: actor.tenantId, resourceType: 'instance', resourceId: id, data: { projectId, name: instance.name, type: instance.type } });
    });
    await this.queues.enqueue('instance.provision', { instanceId: id, generation: 1 }, { jobId: jobId(id, 'provision', 1) });
    this.relay.kick();
    return { id, state: 'creating' };
  }
}

/** An unknown filesystem (or another project's) is 404; one being deleted or broken is 409. */
async function lockAttachableFilesystems(tx: TransactionClient, tenantId: number, projectId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await tx.$queryRaw<{ id: string; state: string }[]>`
    SELECT id, state FROM filesystems
    WHERE id = ANY(${ids}::uuid[]) AND project_id = ${projectId}::uuid AND tenant_id = ${tenantId} AND deleted_at IS NULL
    FOR SHARE`;
  const missing = ids.find((id) => !rows.some((row) => row.id === id));
  if (missing) throw AppError.notFound(`filesystem ${missing}`);
  const unusable = rows.find((row) => row.state === 'deleting' || row.state === 'error');
  if (unusable) throw new AppError('failed_precondition', `filesystem ${unusable.id} is ${unusable.state === 'error' ? 'broken' : 'being deleted'} and cannot be attached`);
}
