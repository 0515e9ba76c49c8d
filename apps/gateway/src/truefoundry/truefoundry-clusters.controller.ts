import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { AppError, parseInput, type Actor, type ClusterView } from '@clusterplane/contracts';
import { CommandClient } from '@clusterplane/messaging';
import { ClusterListingRepository, ClusterReadRepository } from '@clusterplane/persistence';
import { APP_CONFIG } from '@clusterplane/platform';
import { CurrentActor } from '../auth/current-actor.decorator';
import { clusterHealth } from '../cluster-health/cluster-health';
import type { GatewayConfig } from '../gateway.config';
import { toTruefoundryCluster } from './truefoundry-cluster.presenter';
import { applyClusterBody, clusterIdParams, listClustersQuery } from './truefoundry.schemas';

const isUuid = (value: string): boolean => z.string().uuid().safeParse(value).success;

/**
 * TrueFoundry Clusters API (seed 000). Validation errors are 422 in this dialect: the error
 * renderer decides that for every route under /api/svc, so nothing here special-cases it.
 */
@Controller('api/svc/v1/clusters')
export class TruefoundryClustersController {
  constructor(
    private readonly commands: CommandClient,
    private readonly clusters: ClusterReadRepository,
    private readonly listing: ClusterListingRepository,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Create or update by `manifest.name`; `dryRun` checks everything and keeps nothing. */
  @Put()
  @HttpCode(200)
  async apply(@CurrentActor() actor: Actor, @Body() rawBody: unknown): Promise<unknown> {
    const body = parseInput(applyClusterBody, rawBody, 'body');
    const { cluster } = await this.commands.send('cluster.apply-manifest', { actor, manifest: body.manifest, dryRun: body.dryRun ?? false });
    return { data: toTruefoundryCluster(cluster, actor.tenantSlug) };
  }

  /** Every live cluster of the tenant, oldest first. */
  @Get()
  async list(@CurrentActor() actor: Actor, @Query() rawQuery: unknown): Promise<unknown> {
    const { limit, offset } = parseInput(listClustersQuery, rawQuery, 'query');
    const page = await this.listing.offsetPage(actor.tenantId, offset, limit);
    return { data: page.clusters.map((c) => toTruefoundryCluster(c, actor.tenantSlug)), pagination: { total: page.total, offset, limit } };
  }

  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param() rawParams: unknown): Promise<unknown> {
    const cluster = await this.findOr404(actor, rawParams);
    return { data: toTruefoundryCluster(cluster, actor.tenantSlug) };
  }

  /** SPEC section 5: a TrueFoundry delete is forced; the answer comes once it is recorded. */
  @Delete(':id')
  @HttpCode(200)
  async remove(@CurrentActor() actor: Actor, @Param() rawParams: unknown): Promise<unknown> {
    const cluster = await this.findOr404(actor, rawParams);
    await this.commands.send('cluster.delete', { actor, clusterId: cluster.id, mode: 'forced' });
    return { message: `cluster ${actor.tenantSlug}:${cluster.name} deleted` };
  }

  /** Connected as Run:ai would show it: a fresh report with nothing missing or failing. */
  @Get(':id/is-connected')
  async isConnected(@CurrentActor() actor: Actor, @Param() rawParams: unknown): Promise<unknown> {
    const cluster = await this.findOr404(actor, rawParams);
    return { isConnected: clusterHealth(cluster, new Date(), this.config.livenessTimeoutMs).state === 'Connected' };
  }

  private async findOr404(actor: Actor, rawParams: unknown): Promise<ClusterView> {
    const { id } = parseInput(clusterIdParams, rawParams, 'path');
    const cluster = isUuid(id) ? await this.clusters.findLive(actor.tenantId, id) : null;
    if (!cluster) throw AppError.notFound(`cluster ${id}`);
    return cluster;
  }
}
