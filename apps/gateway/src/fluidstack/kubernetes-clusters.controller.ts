import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError, parseInput, type Actor } from '@clusterplane/contracts';
import { deriveClusterAccessToken } from '@clusterplane/domain';
import { CommandClient } from '@clusterplane/messaging';
import { APP_CONFIG } from '@clusterplane/platform';
import { CurrentActor } from '../auth/current-actor.decorator';
import type { GatewayConfig } from '../gateway.config';
import { clusterParams } from './fluidstack.schemas';
import { buildKubeconfig } from './kubeconfig';
import { toFluidstackKubernetesCluster, type HealthClock } from './kubernetes-cluster.presenter';
import { createKubernetesClusterBody, updateKubernetesClusterBody } from './kubernetes.schemas';
import { ProjectClusters } from './project-clusters.service';
import { CurrentProject, ProjectScopeGuard } from './project-scope.guard';

/** Fluidstack managed Kubernetes clusters (seed 004), scoped by `X-PROJECT-ID`. */
@Controller('api/v1alpha1/kubernetes/clusters')
@UseGuards(ProjectScopeGuard)
export class FluidstackKubernetesClustersController {
  constructor(
    private readonly commands: CommandClient,
    private readonly clusters: ProjectClusters,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** 201 with status PENDING; the provisioning and node-pool services take it to READY. */
  @Post()
  @HttpCode(201)
  async create(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Body() rawBody: unknown): Promise<unknown> {
    const body = parseInput(createKubernetesClusterBody, rawBody, 'body');
    const pool = body.defaultNodePool?.create ? body.defaultNodePool : undefined;
    const cluster = await this.clusters.create(actor, projectId, 'kubernetes', {
      name: body.name,
      kubernetesVersion: body.version,
      podCidr: body.podCIDRBlock,
      serviceCidr: body.serviceCIDRBlock,
      nodePools: pool ? [{ name: pool.name, instanceType: pool.type!, count: pool.count }] : [],
    });
    return toFluidstackKubernetesCluster(cluster, this.clock());
  }

  @Get()
  async list(@CurrentProject() projectId: string): Promise<unknown[]> {
    const clock = this.clock();
    return (await this.clusters.list(projectId, 'kubernetes')).map((cluster) => toFluidstackKubernetesCluster(cluster, clock));
  }

  @Get(':clusterId')
  async get(@CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<unknown> {
    const { clusterId } = parseInput(clusterParams, rawParams, 'path');
    return toFluidstackKubernetesCluster(await this.clusters.findOr404(projectId, 'kubernetes', clusterId), this.clock());
  }

  /** `{version}` starts an upgrade: the answer shows UPDATING, then the cluster is READY on the new version. */
  @Patch(':clusterId')
  async update(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Param() rawParams: unknown, @Body() rawBody: unknown): Promise<unknown> {
    const { clusterId } = parseInput(clusterParams, rawParams, 'path');
    const body = parseInput(updateKubernetesClusterBody, rawBody, 'body');
    await this.clusters.findOr404(projectId, 'kubernetes', clusterId);
    const upgrade = body.version === undefined ? undefined : await this.commands.send('cluster.upgrade', { actor, projectId, clusterId, version: body.version });
    const cluster = await this.clusters.findOr404(projectId, 'kubernetes', clusterId);
    // An upgrade this PATCH started answers UPDATING, even if a fast job already finished it.
    return toFluidstackKubernetesCluster(upgrade?.started ? { ...cluster, phase: 'Updating' } : cluster, this.clock());
  }

  /** Graceful, 204 at once; the cluster shows DELETING until it is gone. */
  @Delete(':clusterId')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @CurrentProject() projectId: string, @Param() rawParams: unknown): Promise<void> {
    const { clusterId } = parseInput(clusterParams, rawParams, 'path');
    await this.clusters.remove(actor, projectId, 'kubernetes', clusterId);
  }

  /**
   * A kubeconfig for the cluster's API server with a token scoped to this cluster; never cached.
   * The YAML headers are set only on success, so an error still goes out as `{message}` JSON.
   */
  @Get(':clusterId/credentials')
  async credentials(@CurrentProject() projectId: string, @Param() rawParams: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { clusterId } = parseInput(clusterParams, rawParams, 'path');
    const cluster = await this.clusters.findOr404(projectId, 'kubernetes', clusterId);
    if (!cluster.endpoint || !cluster.caData) throw new AppError('failed_precondition', `cluster ${clusterId} has no control plane yet; retry once it is PROVISIONING`);
    if (cluster.deleteRequestedAt || cluster.secretRevokedAt) throw new AppError('failed_precondition', `cluster ${clusterId} is being deleted; its credentials are revoked`);
    const kubeconfig = buildKubeconfig({
      clusterName: cluster.name,
      server: cluster.endpoint,
      certificateAuthorityData: cluster.caData,
      token: deriveClusterAccessToken(this.config.agentSecretKey, cluster.id, cluster.secretVersion),
    });
    void reply.header('content-type', 'application/yaml; charset=utf-8').header('cache-control', 'no-store');
    return kubeconfig;
  }
  private clock(): HealthClock {
    return { now: new Date(), livenessTimeoutMs: this.config.livenessTimeoutMs };
  }
}
