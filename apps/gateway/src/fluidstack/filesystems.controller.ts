import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { AppError, parseInput, type Actor } from '@clusterplane/contracts';
import { CommandClient } from '@clusterplane/messaging';
import { FilesystemReadRepository } from '@clusterplane/persistence';
import { CurrentActor } from '../auth/current-actor.decorator';
import { toFluidstackFilesystem } from './filesystem.presenter';
import { createFilesystemBody, idParams } from './fluidstack.schemas';
import { CurrentProject, ProjectScopeGuard } from './project-scope.guard';

/** Fluidstack filesystems (seed 004), scoped by `X-PROJECT-ID`. */
@Controller('api/v1alpha1/filesystems')
@UseGuards(ProjectScopeGuard)
export class FluidstackFilesystemsController {
  constructor(
    private readonly commands: CommandClient,
    private readonly filesystems: FilesystemReadRepository,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Body() rawBody: unknown): Promise<unknown> {
    const filesystem = parseInput(createFilesystemBody, rawBody, 'body');
    const created = await this.commands.send('filesystem.create', { actor, projectId, filesystem });
    return toFluidstackFilesystem({ ...(await this.findOr404(projectId, created.id)), state: created.state });
  }

  @Get()
  async list(@CurrentProject() projectId: string): Promise<unknown[]> {
    return (await this.filesystems.list(projectId)).map(toFluidstackFilesystem);
  }

  @Get(':id')
  async get(@CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<unknown> {
    const { id } = parseInput(idParams, rawParams, 'path');
    return toFluidstackFilesystem(await this.findOr404(projectId, id));
  }

  /** 409 while an instance has it attached. */
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<void> {
    const { id } = parseInput(idParams, rawParams, 'path');
    await this.commands.send('filesystem.delete', { actor, projectId, filesystemId: id });
  }

  private async findOr404(projectId: string, filesystemId: string) {
    const filesystem = await this.filesystems.findLive(projectId, filesystemId);
    if (!filesystem) throw AppError.notFound(`filesystem ${filesystemId}`);
    return filesystem;
  }
}
