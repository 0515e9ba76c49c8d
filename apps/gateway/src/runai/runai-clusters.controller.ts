import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { parseInput, type Actor } from '@clusterplane/contracts';
import { deriveClientSecret } from '@clusterplane/domain';
import { CommandClient } from '@clusterplane/messaging';
import { ClusterReadRepository } from '@clusterplane/persistence';
import { APP_CONFIG } from '@clusterplane/platform';
import { CurrentActor } from '../auth/current-actor.decorator';
import type { GatewayConfig } from '../gateway.config';
import { toDisplayedCluster } from './displayed-cluster.presenter';
import { findClusterOr404 } from './find-cluster-or-404';
import { buildInstallInfo } from './install-info';
import { clusterUuidParams, createClusterBody, deleteClusterQuery, getClusterQuery, installInfoQuery, listClustersQuery, renameClusterBody } from './runai.schemas';

/** NVIDIA Run:ai Clusters API (seeds 001, 002). Commands go over NATS; reads hit Postgres. */
@Controller('api/v1/clusters')
export class RunaiClustersController {
  constructor(
    private readonly commands: CommandClient,
    private readonly clusters: ClusterReadRepository,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query() rawQuery: unknown): Promise<unknown[]> {
    const query = parseInput(listClustersQuery, rawQuery, 'query');
    const clusters = await this.clusters.list(actor.tenantId, { includeRequestedForDelete: query.includeRequestedForDelete });
    const now = new Date();
    return clusters.map((c) => toDisplayedCluster(c, query.verbosity, now, this.config.livenessTimeoutMs));
  }

  @Post()
  @HttpCode(201)
  async create(@CurrentActor() actor: Actor, @Body() rawBody: unknown): Promise<unknown> {
    const body = parseInput(createClusterBody, rawBody, 'body');
    const cluster = await this.commands.send('cluster.create', {
      actor,
      cluster: { name: body.name, domain: body.domain, agentVersion: body.version, origin: 'registered', kind: 'kubernetes', provider: 'generic' },
    });
    return toDisplayedCluster(cluster, 'full', new Date(), this.config.livenessTimeoutMs);
  }

  @Get(':clusterUuid')
  async get(@CurrentActor() actor: Actor, @Param() rawParams: unknown, @Query() rawQuery: unknown): Promise<unknown> {
    const { clusterUuid } = parseInput(clusterUuidParams, rawParams, 'path');
    const query = parseInput(getClusterQuery, rawQuery, 'query');
    const cluster = await findClusterOr404(this.clusters, actor, clusterUuid);
    return toDisplayedCluster(cluster, query.verbosity, new Date(), this.config.livenessTimeoutMs);
  }

  /** Seed 001's update: the name only; 204, or 400 (invalid), 404, 409 (taken). */
  @Put(':clusterUuid')
  @HttpCode(204)
  async rename(@CurrentActor() actor: Actor, @Param() rawParams: unknown, @Body() rawBody: unknown): Promise<void> {
    const { clusterUuid } = parseInput(clusterUuidParams, rawParams, 'path');
    const body = parseInput(renameClusterBody, rawBody, 'body');
    await this.commands.send('cluster.rename', { actor, clusterId: clusterUuid, name: body.name });
  }

  /** SPEC section 5: forced (204) with `force=true` or an agent older than 2.20, else graceful (202). */
  @Delete(':clusterUuid')
  async remove(@CurrentActor() actor: Actor, @Param() rawParams: unknown, @Query() rawQuery: unknown, @Res() reply: FastifyReply): Promise<void> {
    const { clusterUuid } = parseInput(clusterUuidParams, rawParams, 'path');
    const query = parseInput(deleteClusterQuery, rawQuery, 'query');
    const result = await this.commands.send('cluster.delete', { actor, clusterId: clusterUuid, mode: query.force ? 'forced' : 'auto' });
    if (result.mode === 'forced') await reply.status(204).send();
    else await reply.status(202).send({ code: 202, message: `cluster ${clusterUuid} deletion is in progress` });
  }

  @Get(':clusterUuid/cluster-install-info')
  async installInfo(@CurrentActor() actor: Actor, @Param() rawParams: unknown, @Query() rawQuery: unknown): Promise<unknown> {
    const { clusterUuid } = parseInput(clusterUuidParams, rawParams, 'path');
    const query = parseInput(installInfoQuery, rawQuery, 'query');
    await findClusterOr404(this.clusters, actor, clusterUuid);
    const credentials = await this.clusters.findAgentCredentials(clusterUuid);
    return buildInstallInfo({
      clusterId: clusterUuid,
      version: query.version,
      remoteClusterUrl: query.remoteClusterUrl,
      clientSecret: deriveClientSecret(this.config.agentSecretKey, clusterUuid, credentials!.secretVersion),
      controlPlaneUrl: this.config.publicUrl,
      chartRepoUrl: this.config.agentChartRepoUrl,
    });
  }
}
