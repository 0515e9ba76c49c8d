import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { OutboxRelayService } from '@clusterplane/messaging';
import { appendOutboxEvents, PrismaService } from '@clusterplane/persistence';
import { APP_CONFIG, LOGGER } from '@clusterplane/platform';
import { QueueRegistry, type JobHandler } from '@clusterplane/queues';
import type { StatusConfig } from '../status.config';

const SWEEP_BATCH = 1_000;

/**
 * Marks clusters whose agent went quiet as Disconnected and publishes the transition. It runs
 * as a BullMQ job scheduler, so across any number of status replicas it runs once per period.
 *
 * Candidates come from the index on `liveness_checkpoint`, which never runs ahead of
 * `last_liveness` (nextLivenessCheckpoint): every stale cluster is among them, and
 * `last_liveness` decides. A cluster without a checkpoint (its liveness written by other means
 * than a report) sorts first.
 */
@Injectable()
export class SweepLivenessJob implements JobHandler<'status.sweep-liveness'>, OnApplicationBootstrap {
  readonly job = 'status.sweep-liveness' as const;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    private readonly relay: OutboxRelayService,
    @Inject(APP_CONFIG) private readonly config: StatusConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.scheduleEvery(this.job, this.config.sweepIntervalMs, {});
  }

  async handle(): Promise<void> {
    let swept: number;
    do {
      swept = await this.sweepOnce();
      if (swept > 0) this.logger.info({ clusters: swept }, 'marked stale clusters Disconnected');
    } while (swept === SWEEP_BATCH);
  }

  private async sweepOnce(): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.livenessTimeoutMs);
    const swept = await this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; tenant_id: number; previous: string }[]>`
        WITH stale AS (
          SELECT id, state FROM clusters
          WHERE state NOT IN ('WaitingToConnect', 'Disconnected') AND deleted_at IS NULL
            AND COALESCE(liveness_checkpoint, '-infinity'::timestamptz) < ${cutoff} AND last_liveness < ${cutoff}
          ORDER BY COALESCE(liveness_checkpoint, '-infinity'::timestamptz) LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)
        UPDATE clusters c SET state = 'Disconnected', state_changed_at = now()
        FROM stale WHERE c.id = stale.id
        RETURNING c.id, c.tenant_id, stale.state AS previous`;
      const at = new Date().toISOString();
      await appendOutboxEvents(tx, rows.map((row) => ({
        type: 'cluster.status-changed' as const,
        tenantId: row.tenant_id,
        resourceType: 'cluster' as const,
        resourceId: row.id,
        data: { from: row.previous, to: 'Disconnected', at },
      })));
      return rows.length;
    });
    if (swept > 0) this.relay.kick();
    return swept;
  }
}
