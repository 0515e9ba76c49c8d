import { Injectable } from '@nestjs/common';
import { AppError, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { assertNotDeleting, lockProjectCluster, PrismaService } from '@clusterplane/persistence';
import { announceSlurmUserChange } from './slurm-user-change';

/** `slurmuser.update` (PUT): replaces the keys; `sudo` keeps its value when omitted. */
@Injectable()
export class UpdateSlurmUserHandler implements CommandHandler<'slurmuser.update'> {
  readonly command = 'slurmuser.update' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
  ) {}

  async handle({ actor, projectId, clusterId, username, sshKeys, sudo }: ParsedCommandRequest<'slurmuser.update'>): Promise<CommandReply<'slurmuser.update'>> {
    const updated = await this.prisma.$transaction(async (tx) => {
      const cluster = await lockProjectCluster(tx, { tenantId: actor.tenantId, projectId, clusterId, kind: 'slurm' }, 'FOR SHARE');
      assertNotDeleting(cluster);
      const { count } = await tx.slurmUser.updateMany({ where: { clusterId, username }, data: { sshKeys, ...(sudo === undefined ? {} : { sudo }) } });
      if (count === 0) throw AppError.notFound(`user ${username}`);
      await announceSlurmUserChange(tx, actor, clusterId, { updated: username });
      return tx.slurmUser.findUniqueOrThrow({ where: { clusterId_username: { clusterId, username } } });
    });
    this.relay.kick();
    return { username: updated.username, sshKeys: updated.sshKeys, sudo: updated.sudo };
  }
}
