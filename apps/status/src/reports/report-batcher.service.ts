import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { RunaiClusterState } from '@clusterplane/contracts';
import { OutboxRelayService } from '@clusterplane/messaging';
import { appendOutboxEvent, PrismaService, type TransactionClient } from '@clusterplane/persistence';
import { APP_CONFIG, LOGGER } from '@clusterplane/platform';
import type { StatusConfig } from '../status.config';
import { applyReport, type AppliedReport } from './apply-report';
import type { PendingReport } from './pending-report';

interface StoredRow {
  id: string;
  tenant_id: number;
  last_reported_at: Date | null;
  last_liveness: Date | null;
  reported_status: Record<string, unknown> | null;
  state: RunaiClusterState;
}

interface Outcome {
  report: PendingReport;
  applied: AppliedReport;
  previousState: RunaiClusterState;
}

/**
 * Collects agent reports for a few milliseconds and writes them together: one locking read,
 * one multi-row update, one multi-row metrics insert per batch. Each report's request is
 * answered only after its batch committed, so an acknowledged report is never lost.
 */
@Injectable()
export class ReportBatcher implements BeforeApplicationShutdown {
  private pending: PendingReport[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    @Inject(APP_CONFIG) private readonly config: StatusConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  submit(report: Omit<PendingReport, 'resolve' | 'reject'>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ...report, resolve, reject });
      if (this.pending.length >= this.config.batchMax) this.flushSoon(0);
      else if (!this.timer) this.flushSoon(this.config.flushMs);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.flush();
  }

  private flushSoon(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delayMs);
  }

  /** Batches are written one after another so a cluster's reports are applied in arrival order. */
  private flush(): Promise<void> {
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  private async write(batch: PendingReport[]): Promise<void> {
    try {
      const transitions = await this.prisma.$transaction((tx) => this.writeBatch(tx, batch));
      batch.forEach((r) => r.resolve());
      if (transitions > 0) this.relay.kick();
    } catch (error) {
      this.logger.error({ err: error, reports: batch.length }, 'report batch failed');
      batch.forEach((r) => r.reject(error as Error));
    }
  }

  private async writeBatch(tx: TransactionClient, batch: PendingReport[]): Promise<number> {
    const ids = [...new Set(batch.map((r) => r.clusterId))];
    const rows = await tx.$queryRaw<StoredRow[]>`
      SELECT id, tenant_id, last_reported_at, last_liveness, reported_status, state FROM clusters
      WHERE id = ANY(${ids}::uuid[]) AND deleted_at IS NULL ORDER BY id FOR UPDATE`;
    const stored = new Map(rows.map((row) => [row.id, row]));

    const outcomes: Outcome[] = [];
    const latest = new Map<string, Outcome>();
    for (const report of batch) {
      const row = stored.get(report.clusterId);
      if (!row) continue; // deleted meanwhile: the report has nothing left to update
      const previous = latest.get(report.clusterId)?.applied;
      const current = previous ?? { lastReportedAt: row.last_reported_at, lastLiveness: row.last_liveness, reportedStatus: row.reported_status, state: row.state };
      const applied = applyReport(current, report.report, report.receivedAt, this.config.livenessTimeoutMs);
      const outcome = { report, applied, previousState: latest.get(report.clusterId)?.previousState ?? row.state };
      latest.set(report.clusterId, outcome);
      outcomes.push(outcome);
    }
    if (latest.size === 0) return 0;

    await this.updateClusters(tx, [...latest.values()], batch);
    await this.insertMetrics(tx, outcomes);
    return this.recordTransitions(tx, [...latest.values()], stored);
  }

  private async updateClusters(tx: TransactionClient, finals: Outcome[], batch: PendingReport[]): Promise<void> {
    const acked = new Set(batch.filter((r) => r.report.acks?.some((a) => a.command === 'uninstall')).map((r) => r.clusterId));
    await tx.$executeRaw`
      UPDATE clusters c SET
        last_liveness = v.last_liveness,
        last_reported_at = v.last_reported_at,
        reported_status = v.reported_status::jsonb,
        state = v.state,
        state_changed_at = CASE WHEN c.state <> v.state THEN v.last_liveness ELSE c.state_changed_at END,
        agent_version = COALESCE(v.agent_version, c.agent_version),
        uninstall_acked_at = CASE WHEN v.uninstall_acked AND c.delete_requested_at IS NOT NULL
                                  THEN COALESCE(c.uninstall_acked_at, v.last_liveness) ELSE c.uninstall_acked_at END
      FROM unnest(
        ${finals.map((o) => o.report.clusterId)}::uuid[],
        ${finals.map((o) => o.applied.lastLiveness.toISOString())}::timestamptz[],
        ${finals.map((o) => o.applied.lastReportedAt?.toISOString() ?? null)}::timestamptz[],
        ${finals.map((o) => JSON.stringify(o.applied.reportedStatus))}::text[],
        ${finals.map((o) => o.applied.state)}::text[],
        ${finals.map((o) => (o.applied.statusChanged ? o.report.report.version : null))}::text[],
        ${finals.map((o) => acked.has(o.report.clusterId))}::boolean[]
      ) AS v(id, last_liveness, last_reported_at, reported_status, state, agent_version, uninstall_acked)
      WHERE c.id = v.id`;
  }

  private async insertMetrics(tx: TransactionClient, outcomes: Outcome[]): Promise<void> {
    const samples = outcomes.flatMap(({ report }) =>
      (report.report.metrics ?? []).map((m) => ({
        clusterId: report.clusterId,
        time: m.timestamp ?? report.report.reportedAt,
        type: m.type,
        nodePool: m.nodePool ?? '',
        value: m.value,
      })),
    );
    if (samples.length === 0) return;
    await tx.$executeRaw`
      INSERT INTO metric_samples (cluster_id, time, metric_type, node_pool, value)
      SELECT * FROM unnest(
        ${samples.map((s) => s.clusterId)}::uuid[],
        ${samples.map((s) => s.time)}::timestamptz[],
        ${samples.map((s) => s.type)}::text[],
        ${samples.map((s) => s.nodePool)}::text[],
        ${samples.map((s) => s.value)}::float8[])
      ON CONFLICT DO NOTHING`;
  }

  /** `cluster.status-changed` only on a transition, never per heartbeat. */
  private async recordTransitions(tx: TransactionClient, finals: Outcome[], stored: Map<string, StoredRow>): Promise<number> {
    let transitions = 0;
    for (const { report, applied, previousState } of finals) {
      if (applied.state === previousState) continue;
      transitions++;
      await appendOutboxEvent(tx, {
        type: 'cluster.status-changed',
        tenantId: stored.get(report.clusterId)!.tenant_id,
        resourceType: 'cluster',
        resourceId: report.clusterId,
        data: { from: previousState, to: applied.state, at: applied.lastLiveness.toISOString() },
      });
    }
    return transitions;
  }
}
