import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { parseInput, type Actor } from '@clusterplane/contracts';
import type { Cluster } from '@clusterplane/persistence';
import { CurrentActor } from '../auth/current-actor.decorator';
import { clusterParams } from './fluidstack.schemas';
import { ProjectClusters } from './project-clusters.service';
import { CurrentProject, ProjectScopeGuard } from './project-scope.guard';
import { toFluidstackSlurmCluster } from './slurm-cluster.presenter';
import { createSlurmClusterBody } from './slurm.schemas';

/** Fluidstack managed Slurm clusters (seed 004), scoped by `X-PROJECT-ID`. */
@Controller('api/v1alpha1/slurm/clusters')
@UseGuards(ProjectScopeGuard)
export class FluidstackSlurmClustersController {
  constructor(private readonly clusters: ProjectClusters) {}

  @Post()
  @HttpCode(201)
  async create(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Body() rawBody: unknown): Promise<unknown> {
    const body = parseInput(createSlurmClusterBody, rawBody, 'body');
    const pool = body.defaultNodePool?.create ? body.defaultNodePool : undefined;
    const cluster = await this.clusters.create(actor, projectId, 'slurm', {
      name: body.name,
      slurmVersion: body.version,
      nodePools: pool ? [{ name: pool.name, instanceType: pool.type!, count: pool.count, loginNodes: pool.loginNodes }] : [],
    });
    return (await this.present([cluster]))[0];
  }

  @Get()
  async list(@CurrentProject() projectId: string): Promise<unknown[]> {
    return this.present(await this.clusters.list(projectId, 'slurm'));
  }

  @Get(':clusterId')
  async get(@CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<unknown> {
    const { clusterId } = parseInput(clusterParams, rawParams, 'path');
    return (await this.present([await this.clusters.findOr404(projectId, 'slurm', clusterId)]))[0];
  }

  @Delete(':clusterId')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<void> {
    const { clusterId } = parseInput(clusterParams, rawParams, 'path');
    await this.clusters.remove(actor, projectId, 'slurm', clusterId);
  }

  /** One query for the login nodes of every cluster shown. */
  private async present(clusters: Cluster[]): Promise<unknown[]> {
    const loginNodes = await this.clusters.loginNodes(clusters);
    return clusters.map((cluster) => toFluidstackSlurmCluster(cluster, loginNodes.filter((node) => node.clusterId === cluster.id)));
  }
}
