import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { PrismaService } from '@clusterplane/persistence';
import { APP_CONFIG, LOGGER } from '@clusterplane/platform';
import { QueueRegistry, type JobHandler } from '@clusterplane/queues';
import type { StatusConfig } from '../status.config';

/** Rows per DELETE: short transactions that never hold many locks or bloat one WAL record. */
const PRUNE_BATCH = 5_000;
/** Upper bound of one run; whatever is left waits for the next run. */
const MAX_BATCHES_PER_RUN = 200;

/**
 * Drops metric samples older than METRICS_RETENTION_MS. Each batch walks the `time` index
 * from the oldest sample and deletes by row address, so a run costs what it deletes, not
 * a scan of the table.
 */
@Injectable()
export class PruneMetricsJob implements JobHandler<'status.prune-metrics'>, OnApplicationBootstrap {
  readonly job = 'status.prune-metrics' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: StatusConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.scheduleEvery(this.job, this.config.metricsPruneIntervalMs, {});
  }

  async handle(): Promise<void> {
    const cutoff = new Date(Date.now() - this.config.metricsRetentionMs);
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const deleted = await this.prisma.$executeRaw`
        DELETE FROM metric_samples WHERE ctid = ANY(ARRAY(
          SELECT ctid FROM metric_samples WHERE time < ${cutoff} ORDER BY time LIMIT ${PRUNE_BATCH}))`;
      total += deleted;
      if (deleted < PRUNE_BATCH) break;
    }
    if (total > 0) this.logger.info({ samples: total, olderThan: cutoff.toISOString() }, 'pruned old metric samples');
  }
}
