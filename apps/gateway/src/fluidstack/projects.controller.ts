import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { AppError, parseInput, type Actor } from '@clusterplane/contracts';
import { CommandClient } from '@clusterplane/messaging';
import { ProjectReadRepository } from '@clusterplane/persistence';
import { CurrentActor } from '../auth/current-actor.decorator';
import { createProjectBody, idParams } from './fluidstack.schemas';
import { toFluidstackProject } from './project.presenter';

/** Fluidstack projects (seed 004). Tenant-scoped; the only routes without `X-PROJECT-ID`. */
@Controller('api/v1alpha1/projects')
export class FluidstackProjectsController {
  constructor(
    private readonly commands: CommandClient,
    private readonly projects: ProjectReadRepository,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@CurrentActor() actor: Actor, @Body() rawBody: unknown): Promise<unknown> {
    const project = parseInput(createProjectBody, rawBody, 'body');
    const created = await this.commands.send('project.create', { actor, project });
    return toFluidstackProject(await this.findOr404(actor, created.id));
  }

  @Get()
  async list(@CurrentActor() actor: Actor): Promise<unknown[]> {
    return (await this.projects.list(actor.tenantId)).map(toFluidstackProject);
  }

  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param() rawParams: unknown): Promise<unknown> {
    const { id } = parseInput(idParams, rawParams, 'path');
    return toFluidstackProject(await this.findOr404(actor, id));
  }

  /** 409 while the project still holds clusters, instances or filesystems. */
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param() rawParams: unknown): Promise<void> {
    const { id } = parseInput(idParams, rawParams, 'path');
    await this.commands.send('project.delete', { actor, projectId: id });
  }

  /** Another tenant's project is indistinguishable from a missing one. */
  private async findOr404(actor: Actor, projectId: string) {
    const project = await this.projects.findLive(actor.tenantId, projectId);
    if (!project) throw AppError.notFound(`project ${projectId}`);
    return project;
  }
}
