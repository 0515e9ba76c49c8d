import { Controller, Get, Param, Query } from '@nestjs/common';
import { parseInput, type Actor } from '@clusterplane/contracts';
import { ADDITIVE_CLUSTER_METRIC_TYPES, metricBuckets } from '@clusterplane/domain';
import { ClusterMetricsReadRepository, ClusterReadRepository } from '@clusterplane/persistence';
import { CurrentActor } from '../auth/current-actor.decorator';
import { toMetricsResponse } from './cluster-metrics.presenter';
import { findClusterOr404 } from './find-cluster-or-404';
import { clusterMetricsQuery, clusterUuidParams } from './runai.schemas';

/** Seed 002's cluster metrics, from the samples agents report (`metric_samples`). */
@Controller('api/v1/clusters')
export class RunaiClusterMetricsController {
  constructor(
    private readonly clusters: ClusterReadRepository,
    private readonly metrics: ClusterMetricsReadRepository,
  ) {}

  @Get(':clusterUuid/metrics')
  async get(@CurrentActor() actor: Actor, @Param() rawParams: unknown, @Query() rawQuery: unknown): Promise<unknown> {
    const { clusterUuid } = parseInput(clusterUuidParams, rawParams, 'path');
    const query = parseInput(clusterMetricsQuery, rawQuery, 'query');
    await findClusterOr404(this.clusters, actor, clusterUuid);

    const start = new Date(query.start);
    const end = new Date(query.end);
    const perNodePool = query.groupBy === 'Nodepool';
    const buckets = metricBuckets(start, end, query.numberOfSamples);
    // numberOfSamples=0 asks for no samples: every type answers with an empty series.
    const rows =
      buckets.length === 0
        ? []
        : await this.metrics.bucketed({
            clusterId: clusterUuid,
            types: query.metricType,
            start,
            end,
            buckets: buckets.length,
            nodePool: query.nodepoolName,
            perNodePool,
            additiveTypes: ADDITIVE_CLUSTER_METRIC_TYPES,
          });
    return toMetricsResponse(query.metricType, perNodePool, buckets, rows);
  }
}
