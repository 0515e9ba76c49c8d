import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, jobId, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { filesystemSizeProblem } from '@clusterplane/domain';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, lockLiveProject, PrismaService } from '@clusterplane/persistence';
import { QueueRegistry } from '@clusterplane/queues';

/**
 * `filesystem.create`: recorded as `creating` with its event (the project locked, so a
 * concurrent project delete sees it), then a job has the provider create the volume.
 */
@Injectable()
export class CreateFilesystemHandler implements CommandHandler<'filesystem.create'> {
  readonly command = 'filesystem.create' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
  ) {}

  async handle({ actor, projectId, filesystem }: ParsedCommandRequest<'filesystem.create'>): Promise<CommandReply<'filesystem.create'>> {
    const problem = filesystemSizeProblem(filesystem.size);
    if (problem) throw AppError.invalid(`size ${problem}`, [{ field: 'size', message: problem }]);
    const id = randomUUID();
    await this.prisma.$transaction(async (tx) => {
      await lockLiveProject(tx, actor.tenantId, projectId, 'FOR SHARE');
      await tx.filesystem.create({ data: { id, tenantId: actor.tenantId, projectId, name: filesystem.name, size: filesystem.size } });
      await appendOutboxEvent(tx, { type: 'filesystem.created', tenantId: actor.tenantId, resourceType: 'filesystem', resourceId: id, data: { projectId, name: filesystem.name, size: filesystem.size } });
    });
    await this.queues.enqueue('filesystem.provision', { filesystemId: id }, { jobId: jobId(id, 'provision') });
    this.relay.kick();
    return { id, state: 'creating' };
  }
}
