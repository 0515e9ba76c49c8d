import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { parseInput, type Actor } from '@clusterplane/contracts';
import { ClusterReadRepository, ClusterSearchRepository } from '@clusterplane/persistence';
import { APP_CONFIG } from '@clusterplane/platform';
import { CurrentActor } from '../auth/current-actor.decorator';
import type { GatewayConfig } from '../gateway.config';
import { findClusterOr404 } from './find-cluster-or-404';
import { toMinimalCluster } from './minimal-cluster.presenter';
import { clusterUuidParams, listMinimalQuery } from './runai.schemas';

/**
 * Seed 002's minimal reads. The list filters and pages in Postgres (clusters awaiting deletion
 * are left out: no workload should be sent there); by id it answers until the cluster is gone.
 */
@Controller('api/v1/clusters')
export class RunaiClusterMinimalController {
  constructor(
    private readonly clusters: ClusterReadRepository,
    private readonly search: ClusterSearchRepository,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('minimal')
  async list(@CurrentActor() actor: Actor, @Query() rawQuery: unknown): Promise<{ clusters: unknown[] }> {
    const query = parseInput(listMinimalQuery, rawQuery, 'query');
    const clock = { now: new Date(), livenessTimeoutMs: this.config.livenessTimeoutMs };
    const page = await this.search.findPage(actor.tenantId, query.filterBy, { offset: query.offset, limit: query.limit }, clock);
    return { clusters: page.map((c) => toMinimalCluster(c, clock.now, clock.livenessTimeoutMs)) };
  }

  @Get(':clusterUuid/minimal')
  async get(@CurrentActor() actor: Actor, @Param() rawParams: unknown): Promise<unknown> {
    const { clusterUuid } = parseInput(clusterUuidParams, rawParams, 'path');
    const cluster = await findClusterOr404(this.clusters, actor, clusterUuid);
    return toMinimalCluster(cluster, new Date(), this.config.livenessTimeoutMs);
  }
}
