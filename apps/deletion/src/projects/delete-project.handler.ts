import { Injectable } from '@nestjs/common';
import { AppError, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, lockLiveProject, PrismaService } from '@clusterplane/persistence';

/**
 * `project.delete`: refused (409) while the project holds a cluster, instance or filesystem
 * that is not gone yet, those being deleted included. Creations lock the project row FOR
 * SHARE, so none can slip in between the count and the delete. A project owns nothing at the
 * provider, so it is gone at once.
 */
@Injectable()
export class DeleteProjectHandler implements CommandHandler<'project.delete'> {
  readonly command = 'project.delete' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
  ) {}

  async handle({ actor, projectId }: ParsedCommandRequest<'project.delete'>): Promise<CommandReply<'project.delete'>> {
    await this.prisma.$transaction(async (tx) => {
      await lockLiveProject(tx, actor.tenantId, projectId, 'FOR UPDATE', () => AppError.notFound(`project ${projectId}`));
      const live = { projectId, deletedAt: null };
      const [clusters, instances, filesystems] = await Promise.all([tx.cluster.count({ where: live }), tx.instance.count({ where: live }), tx.filesystem.count({ where: live })]);
      const held = [plural(clusters, 'cluster'), plural(instances, 'instance'), plural(filesystems, 'filesystem')].filter(Boolean);
      if (held.length > 0) throw new AppError('failed_precondition', `project ${projectId} still holds ${held.join(', ')}; delete them first`);
      await tx.project.update({ where: { id: projectId }, data: { state: 'deleting', deletedAt: new Date() } });
      await appendOutboxEvent(tx, { type: 'project.deleted', tenantId: actor.tenantId, resourceType: 'project', resourceId: projectId, data: { deletedBy: actor.subject } });
    });
    this.relay.kick();
    return { id: projectId, started: true };
  }
}

const plural = (n: number, noun: string): string => (n === 0 ? '' : `${n} ${noun}${n === 1 ? '' : 's'}`);
