import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { parseInput, type Actor } from '@clusterplane/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { clusterParams, nodePoolParams } from './fluidstack.schemas';
import { toFluidstackSlurmNodePool } from './node-pool.presenter';
import { ProjectClusters } from './project-clusters.service';
import { CurrentProject, ProjectScopeGuard } from './project-scope.guard';
import { createSlurmNodePoolBody } from './slurm.schemas';

/** Node pools of a Fluidstack Slurm cluster (seed 004), with Slurm's view of each node. */
@Controller('api/v1alpha1/slurm/clusters/:clusterId/node-pools')
@UseGuards(ProjectScopeGuard)
export class FluidstackSlurmNodePoolsController {
  constructor(private readonly clusters: ProjectClusters) {}

  @Get()
  async list(@CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<unknown[]> {
    const { clusterId } = parseInput(clusterParams, rawParams, 'path');
    const { pools } = await this.clusters.listPools(projectId, 'slurm', clusterId);
    return pools.map(toFluidstackSlurmNodePool);
  }

  /** 409 when the cluster already has a live pool of that name. */
  @Post()
  @HttpCode(201)
  async create(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Param() rawParams: unknown, @Body() rawBody: unknown): Promise<unknown> {
    const { clusterId } = parseInput(clusterParams, rawParams, 'path');
    const body = parseInput(createSlurmNodePoolBody, rawBody, 'body');
    const { pool } = await this.clusters.createPool(actor, projectId, 'slurm', clusterId, { name: body.name, instanceType: body.type, count: body.count, loginNodes: body.loginNodes });
    return toFluidstackSlurmNodePool(pool);
  }

  @Get(':nodePoolId')
  async get(@CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<unknown> {
    const { clusterId, nodePoolId } = parseInput(nodePoolParams, rawParams, 'path');
    return toFluidstackSlurmNodePool((await this.clusters.findPool(projectId, 'slurm', clusterId, nodePoolId)).pool);
  }
}
