import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { parseInput, type Actor } from '@clusterplane/contracts';
import { CommandClient } from '@clusterplane/messaging';
import { CurrentActor } from '../auth/current-actor.decorator';
import { clusterParams, nodePoolParams } from './fluidstack.schemas';
import { createKubernetesNodePoolBody, scaleNodePoolBody } from './kubernetes.schemas';
import { toFluidstackKubernetesNodePool } from './node-pool.presenter';
import { ProjectClusters } from './project-clusters.service';
import { CurrentProject, ProjectScopeGuard } from './project-scope.guard';

/** Node pools of a Fluidstack Kubernetes cluster (seed 004): nodes come and go through the node-pool service. */
@Controller('api/v1alpha1/kubernetes/clusters/:clusterId/node-pools')
@UseGuards(ProjectScopeGuard)
export class FluidstackKubernetesNodePoolsController {
  constructor(
    private readonly commands: CommandClient,
    private readonly clusters: ProjectClusters,
  ) {}

  @Get()
  async list(@CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<unknown[]> {
    const { clusterId } = parseInput(clusterParams, rawParams, 'path');
    const { cluster, pools } = await this.clusters.listPools(projectId, 'kubernetes', clusterId);
    return pools.map((pool) => toFluidstackKubernetesNodePool(pool, cluster));
  }

  /** 409 when the cluster already has a live pool of that name. */
  @Post()
  @HttpCode(201)
  async create(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Param() rawParams: unknown, @Body() rawBody: unknown): Promise<unknown> {
    const { clusterId } = parseInput(clusterParams, rawParams, 'path');
    const body = parseInput(createKubernetesNodePoolBody, rawBody, 'body');
    const { cluster, pool } = await this.clusters.createPool(actor, projectId, 'kubernetes', clusterId, { name: body.name, instanceType: body.type, count: body.count });
    return toFluidstackKubernetesNodePool(pool, cluster);
  }

  @Get(':nodePoolId')
  async get(@CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<unknown> {
    const { clusterId, nodePoolId } = parseInput(nodePoolParams, rawParams, 'path');
    const { cluster, pool } = await this.clusters.findPool(projectId, 'kubernetes', clusterId, nodePoolId);
    return toFluidstackKubernetesNodePool(pool, cluster);
  }

  /** `{count}` scales: new nodes show `provisioning` then `ready`; surplus ones drain, then go. */
  @Patch(':nodePoolId')
  async scale(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Param() rawParams: unknown, @Body() rawBody: unknown): Promise<unknown> {
    const { clusterId, nodePoolId } = parseInput(nodePoolParams, rawParams, 'path');
    const { count } = parseInput(scaleNodePoolBody, rawBody, 'body');
    await this.clusters.findPool(projectId, 'kubernetes', clusterId, nodePoolId);
    await this.commands.send('nodepool.scale', { actor, projectId, clusterId, nodePoolId, count });
    const { cluster, pool } = await this.clusters.findPool(projectId, 'kubernetes', clusterId, nodePoolId);
    return toFluidstackKubernetesNodePool(pool, cluster);
  }

  @Delete(':nodePoolId')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<void> {
    const { clusterId, nodePoolId } = parseInput(nodePoolParams, rawParams, 'path');
    await this.clusters.findPool(projectId, 'kubernetes', clusterId, nodePoolId);
    await this.commands.send('nodepool.delete', { actor, projectId, clusterId, nodePoolId });
  }
}
