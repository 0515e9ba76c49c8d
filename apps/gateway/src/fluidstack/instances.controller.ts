import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { AppError, parseInput, type Actor } from '@clusterplane/contracts';
import { CommandClient } from '@clusterplane/messaging';
import { InstanceReadRepository, type InstanceRecord } from '@clusterplane/persistence';
import { CurrentActor } from '../auth/current-actor.decorator';
import { createInstanceBody, idParams } from './fluidstack.schemas';
import { toFluidstackInstance } from './instance.presenter';
import { CurrentProject, ProjectScopeGuard } from './project-scope.guard';

/** Fluidstack instances (seed 004), scoped by `X-PROJECT-ID`. */
@Controller('api/v1alpha1/instances')
@UseGuards(ProjectScopeGuard)
export class FluidstackInstancesController {
  constructor(
    private readonly commands: CommandClient,
    private readonly instances: InstanceReadRepository,
  ) {}

  /** 201 in state `creating`; the node-pool service brings it to `running` with an IP. */
  @Post()
  @HttpCode(201)
  async create(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Body() rawBody: unknown): Promise<unknown> {
    const instance = parseInput(createInstanceBody, rawBody, 'body');
    const created = await this.commands.send('instance.create', { actor, projectId, instance });
    // A machine being created has no IP yet, whatever a fast job did since the commit.
    return toFluidstackInstance({ ...(await this.findOr404(projectId, created.id)), state: created.state as InstanceRecord['state'], ip: null });
  }

  @Get()
  async list(@CurrentProject() projectId: string): Promise<unknown[]> {
    return (await this.instances.list(projectId)).map(toFluidstackInstance);
  }

  @Get(':id')
  async get(@CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<unknown> {
    const { id } = parseInput(idParams, rawParams, 'path');
    return toFluidstackInstance(await this.findOr404(projectId, id));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<void> {
    const { id } = parseInput(idParams, rawParams, 'path');
    await this.commands.send('instance.delete', { actor, projectId, instanceId: id });
  }

  /** 202 with the instance in `starting`; 409 unless it is stopped (SPEC section 4). */
  @Post(':id/actions/start')
  @HttpCode(202)
  async start(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<unknown> {
    return this.power('instance.start', actor, projectId, rawParams);
  }

  /** 202 with the instance in `stopping`; 409 unless it is running (SPEC section 4). */
  @Post(':id/actions/stop')
  @HttpCode(202)
  async stop(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<unknown> {
    return this.power('instance.stop', actor, projectId, rawParams);
  }

  private async power(command: 'instance.start' | 'instance.stop', actor: Actor, projectId: string, rawParams: unknown): Promise<unknown> {
    const { id } = parseInput(idParams, rawParams, 'path');
    const changed = await this.commands.send(command, { actor, projectId, instanceId: id });
    return toFluidstackInstance({ ...(await this.findOr404(projectId, id)), state: changed.state as InstanceRecord['state'] });
  }

  private async findOr404(projectId: string, instanceId: string) {
    const instance = await this.instances.findLive(projectId, instanceId);
    if (!instance) throw AppError.notFound(`instance ${instanceId}`);
    return instance;
  }
}
