import { Injectable } from '@nestjs/common';
import { AppError, type CommandReply, type ParsedCommandRequest } from '@clusterplane/contracts';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { assertNotDeleting, isUniqueViolation, lockProjectCluster, PrismaService } from '@clusterplane/persistence';
import { announceSlurmUserChange } from './slurm-user-change';

/** `slurmuser.create`: a user of that name on the cluster already is a 409. */
@Injectable()
export class CreateSlurmUserHandler implements CommandHandler<'slurmuser.create'> {
  readonly command = 'slurmuser.create' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
  ) {}

  async handle({ actor, projectId, clusterId, user }: ParsedCommandRequest<'slurmuser.create'>): Promise<CommandReply<'slurmuser.create'>> {
    try {
      const created = await this.prisma.$transaction(async (tx) => {
        const cluster = await lockProjectCluster(tx, { tenantId: actor.tenantId, projectId, clusterId, kind: 'slurm' }, 'FOR SHARE');
        assertNotDeleting(cluster);
        const row = await tx.slurmUser.create({ data: { clusterId, username: user.username, sshKeys: user.sshKeys, sudo: user.sudo } });
        await announceSlurmUserChange(tx, actor, clusterId, { added: user.username });
        return row;
      });
      this.relay.kick();
      return { username: created.username, sshKeys: created.sshKeys, sudo: created.sudo };
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('already_exists', `user '${user.username}' already exists on cluster ${clusterId}`, [{ field: 'username', message: 'already exists' }]);
      throw error;
    }
  }
}
