import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CommandReply, ParsedCommandRequest } from '@clusterplane/contracts';
import { OutboxRelayService, type CommandHandler } from '@clusterplane/messaging';
import { appendOutboxEvent, PrismaService } from '@clusterplane/persistence';
import { TenantRegistry } from '../clusters/tenant-registry';

/** `project.create`: the project and its `project.created` event in one transaction. */
@Injectable()
export class CreateProjectHandler implements CommandHandler<'project.create'> {
  readonly command = 'project.create' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    private readonly tenants: TenantRegistry,
  ) {}

  async handle({ actor, project }: ParsedCommandRequest<'project.create'>): Promise<CommandReply<'project.create'>> {
    await this.tenants.ensure(actor.tenantId, actor.tenantSlug);
    const id = randomUUID();
    await this.prisma.$transaction(async (tx) => {
      await tx.project.create({ data: { id, tenantId: actor.tenantId, name: project.name, tags: project.tags } });
      await appendOutboxEvent(tx, { type: 'project.created', tenantId: actor.tenantId, resourceType: 'project', resourceId: id, data: { name: project.name, createdBy: actor.subject } });
    });
    this.relay.kick();
    return { id };
  }
}
