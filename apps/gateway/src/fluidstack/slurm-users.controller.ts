import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { AppError, parseInput, type Actor } from '@clusterplane/contracts';
import { CommandClient } from '@clusterplane/messaging';
import { SlurmUserReadRepository, type SlurmUser } from '@clusterplane/persistence';
import { CurrentActor } from '../auth/current-actor.decorator';
import { clusterParams } from './fluidstack.schemas';
import { ProjectClusters } from './project-clusters.service';
import { CurrentProject, ProjectScopeGuard } from './project-scope.guard';
import { addSlurmUserBody, slurmUserParams, updateSlurmUserBody } from './slurm.schemas';

const present = (user: Pick<SlurmUser, 'username' | 'sshKeys' | 'sudo'>) => ({ username: user.username, sshKeys: user.sshKeys, sudo: user.sudo });

/** Users of a Fluidstack Slurm cluster (seed 004). */
@Controller('api/v1alpha1/slurm/clusters/:clusterId/users')
@UseGuards(ProjectScopeGuard)
export class FluidstackSlurmUsersController {
  constructor(
    private readonly commands: CommandClient,
    private readonly clusters: ProjectClusters,
    private readonly users: SlurmUserReadRepository,
  ) {}

  @Get()
  async list(@CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<unknown[]> {
    const { clusterId } = parseInput(clusterParams, rawParams, 'path');
    const cluster = await this.clusters.findOr404(projectId, 'slurm', clusterId);
    return (await this.users.list(cluster.id)).map(present);
  }

  /** 409 when the cluster already has a user of that name. */
  @Post()
  @HttpCode(201)
  async add(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Param() rawParams: unknown, @Body() rawBody: unknown): Promise<unknown> {
    const { clusterId } = parseInput(clusterParams, rawParams, 'path');
    const user = parseInput(addSlurmUserBody, rawBody, 'body');
    await this.clusters.findOr404(projectId, 'slurm', clusterId);
    return present(await this.commands.send('slurmuser.create', { actor, projectId, clusterId, user }));
  }

  @Get(':username')
  async get(@CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<unknown> {
    const { clusterId, username } = parseInput(slurmUserParams, rawParams, 'path');
    const cluster = await this.clusters.findOr404(projectId, 'slurm', clusterId);
    const user = await this.users.find(cluster.id, username);
    if (!user) throw AppError.notFound(`user ${username}`);
    return present(user);
  }

  /** Replaces the keys; `sudo` stays as it was unless given. */
  @Put(':username')
  async update(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Param() rawParams: unknown, @Body() rawBody: unknown): Promise<unknown> {
    const { clusterId, username } = parseInput(slurmUserParams, rawParams, 'path');
    const body = parseInput(updateSlurmUserBody, rawBody, 'body');
    await this.clusters.findOr404(projectId, 'slurm', clusterId);
    return present(await this.commands.send('slurmuser.update', { actor, projectId, clusterId, username, sshKeys: body.sshKeys, sudo: body.sudo }));
  }

  @Delete(':username')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<void> {
    const { clusterId, username } = parseInput(slurmUserParams, rawParams, 'path');
    await this.clusters.findOr404(projectId, 'slurm', clusterId);
    await this.commands.send('slurmuser.delete', { actor, projectId, clusterId, username });
  }
}
