import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

export interface MetricBucketQuery {
  clusterId: string;
  types: readonly string[];
  start: Date;
  end: Date;
  /** Equal buckets between start and end (at least 1). */
  buckets: number;
  /** Only this node pool's samples. */
  nodePool?: string;
  /** One series per node pool instead of one per type. */
  perNodePool: boolean;
  /** Types whose pools add up (counts); the others are averaged across pools. */
  additiveTypes: readonly string[];
}

export interface MetricBucketValue {
  metricType: string;
  /** The node pool when grouped per pool, else ''. */
  nodePool: string;
  /** 1-based bucket number. */
  bucket: number;
  value: number;
}

/**
 * Reads `metric_samples` as Run:ai's metrics endpoint shows them, in one query: samples are
 * averaged per node pool and bucket (a sample at exactly `end` falls in the last bucket), then
 * pools are combined per bucket (summed for counts, averaged for levels) unless grouped.
 * Epochs are numeric in Postgres, so bucket edges are exact to the millisecond.
 */
@Injectable()
export class ClusterMetricsReadRepository {
  constructor(private readonly prisma: PrismaService) {}

  async bucketed(query: MetricBucketQuery): Promise<MetricBucketValue[]> {
    const rows = await this.prisma.$queryRaw<{ metric_type: string; node_pool: string; bucket: number; value: number }[]>`
      WITH per_pool AS (
        SELECT metric_type, node_pool,
               LEAST(width_bucket(extract(epoch FROM time), extract(epoch FROM ${query.start}::timestamptz),
                                  extract(epoch FROM ${query.end}::timestamptz), ${query.buckets}::int), ${query.buckets}::int) AS bucket,
               avg(value) AS value
        FROM metric_samples
        WHERE cluster_id = ${query.clusterId}::uuid AND metric_type = ANY(${query.types}::text[])
          AND time >= ${query.start}::timestamptz AND time <= ${query.end}::timestamptz
          AND (${query.nodePool ?? null}::text IS NULL OR node_pool = ${query.nodePool ?? null}::text)
        GROUP BY metric_type, node_pool, bucket)
      SELECT metric_type, CASE WHEN ${query.perNodePool}::boolean THEN node_pool ELSE '' END AS node_pool, bucket::int AS bucket,
             CASE WHEN metric_type = ANY(${query.additiveTypes}::text[]) THEN sum(value) ELSE avg(value) END AS value
      FROM per_pool
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3`;
    return rows.map((row) => ({ metricType: row.metric_type, nodePool: row.node_pool, bucket: Number(row.bucket), value: Number(row.value) }));
  }
}
