import { Injectable } from '@nestjs/common';
import { AppError, jobId, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, PrismaService } from '@clusterplane/persistence';
import { QueueRegistry } from '@clusterplane/queues';

/**
 * `filesystem.delete`: refused (409) while an instance that is not gone yet has it attached.
 * Instance creation locks the filesystems it attaches FOR SHARE, so an attachment cannot
 * appear between the check and the delete. A job releases the volume, then the record.
 */
@Injectable()
export class DeleteFilesystemHandler implements CommandHandler<'filesystem.delete'> {
  readonly command = 'filesystem.delete' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
  ) {}

  async handle({ actor, projectId, filesystemId }: ParsedCommandRequest<'filesystem.delete'>): Promise<CommandReply<'filesystem.delete'>> {
    const started = await this.prisma.$transaction(async (tx) => {
      const [filesystem] = await tx.$queryRaw<{ state: string }[]>`
        SELECT state FROM filesystems
        WHERE id = ${filesystemId}::uuid AND project_id = ${projectId}::uuid AND tenant_id = ${actor.tenantId} AND deleted_at IS NULL
        FOR UPDATE`;
      if (!filesystem) throw AppError.notFound(`filesystem ${filesystemId}`);
      const attached = await tx.instanceFilesystem.findMany({ where: { filesystemId, instance: { deletedAt: null } }, select: { instanceId: true }, take: 5 });
      if (attached.length > 0) {
        throw new AppError('failed_precondition', `filesystem ${filesystemId} is attached to instance ${attached.map((a) => a.instanceId).join(', ')}; delete the instance first`);
      }
      if (filesystem.state === 'deleting') return false;
      await tx.filesystem.update({ where: { id: filesystemId }, data: { state: 'deleting' } });
      await appendOutboxEvent(tx, { type: 'filesystem.delete-requested', tenantId: actor.tenantId, resourceType: 'filesystem', resourceId: filesystemId, data: { projectId } });
      return true;
    });
    if (started) {
      await this.queues.enqueue('filesystem.finalize', { filesystemId }, { jobId: jobId(filesystemId, 'finalize') });
      this.relay.kick();
    }
    return { id: filesystemId, started };
  }
}
