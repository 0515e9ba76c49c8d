import { Injectable } from '@nestjs/common';
import { AppError, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { lockProjectCluster, PrismaService } from '@clusterplane/persistence';
import { announceSlurmUserChange } from './slurm-user-change';

/** `slurmuser.delete`: removes the user; an unknown user is a 404. */
@Injectable()
export class DeleteSlurmUserHandler implements CommandHandler<'slurmuser.delete'> {
  readonly command = 'slurmuser.delete' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
  ) {}

  async handle({ actor, projectId, clusterId, username }: ParsedCommandRequest<'slurmuser.delete'>): Promise<CommandReply<'slurmuser.delete'>> {
    await this.prisma.$transaction(async (tx) => {
      await lockProjectCluster(tx, { tenantId: actor.tenantId, projectId, clusterId, kind: 'slurm' }, 'FOR SHARE');
      const { count } = await tx.slurmUser.deleteMany({ where: { clusterId, username } });
      if (count === 0) throw AppError.notFound(`user ${username}`);
      await announceSlurmUserChange(tx, actor, clusterId, { removed: username });
    });
    this.relay.kick();
    return { username };
  }
}
