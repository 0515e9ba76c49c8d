import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppError, jobId } from '@clusterplane/contracts';
import { OutboxRelayService } from '@clusterplane/messaging';
import {
  insertOutboxEventsQuery,
  PrismaService,
  STATUS_BATCH_INSERT_SAMPLES,
  STATUS_BATCH_LOCK_CLUSTERS,
  STATUS_BATCH_READ_CLUSTERS,
  STATUS_BATCH_UPDATE_CLUSTERS,
  withPoolTransaction,
} from '@clusterplane/persistence';
import type { PoolClient } from 'pg';
import { APP_CONFIG, LOGGER } from '@clusterplane/platform';
import { QueueRegistry } from '@clusterplane/queues';
import type { StatusConfig } from '../status.config';
import type { IncomingReport, PendingReport, ReportOutcome } from './pending-report';
import { planBatch, type BatchPlan, type ClusterWrite, type LockedCluster } from './plan-batch';
import { WrittenClusters } from './written-clusters';

/**
 * Generous on purpose: under load a batch waits for its row locks. One that outlives the
 * gateway's COMMAND_TIMEOUT_MS still commits; its agents saw 504 and report again, which a
 * newer-wins merge makes harmless.
 */
const BATCH_TRANSACTION = { statementTimeoutMs: 30_000 };

/**
 * Rows remembered after writing them (WrittenClusters): a heartbeat of a remembered cluster
 * costs no read of its row. A remembered row with its reported status takes a few KB: 50 000
 * of them stay within a couple of hundred MB; a larger fleet's other clusters are read.
 */
const REMEMBERED_CLUSTERS = 50_000;
const REMEMBERED_FOR_MS = 10 * 60_000;

/** A committed batch: its plan, the rows it was planned on and the versions its writes made. */
interface WrittenBatch {
  plan: BatchPlan;
  rows: ReadonlyMap<string, LockedCluster>;
  versions: ReadonlyMap<string, string>;
}

/**
 * Collects agent reports for a few milliseconds (STATUS_FLUSH_MS, or until STATUS_BATCH_MAX
 * are waiting) and writes them together: one lock of the rows (and a read of those this
 * service did not write last), one multi-row update, one multi-row metrics insert and one
 * multi-row outbox insert per batch, in a plain `pg` transaction. Each report is answered only
 * after its batch committed, so an acknowledged report is never lost.
 */
@Injectable()
export class ReportBatcher implements BeforeApplicationShutdown {
  private pending: PendingReport[] = [];
  private timer?: NodeJS.Timeout;
  private readonly writing = new Set<Promise<void>>();
  private readonly written = new WrittenClusters(REMEMBERED_CLUSTERS, REMEMBERED_FOR_MS);

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelayService,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: StatusConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  submit(report: IncomingReport): Promise<ReportOutcome> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ...report, resolve, reject });
      if (this.pending.length >= this.config.batchMax) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.config.flushMs);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    while (this.pending.length > 0 || this.writing.size > 0) {
      this.flush();
      await Promise.race(this.writing);
    }
  }

  /**
   * Starts writing the oldest pending reports, unless STATUS_WRITE_CONCURRENCY batches are
   * being written already: then they wait for the next batch to finish. Concurrent batches
   * lock their clusters in id order, so they never deadlock; two reports of one cluster in
   * different batches may commit in either order, which the merge rules make harmless (an
   * older report never overwrites a newer one, liveness never moves back).
   */
  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0 || this.writing.size >= this.config.writeConcurrency) return;
    const batch = this.pending.splice(0, this.config.batchMax);
    const written = this.write(batch).finally(() => {
      this.writing.delete(written);
      if (this.pending.length >= this.config.batchMax) this.flush();
      else if (this.pending.length > 0) this.timer ??= setTimeout(() => this.flush(), this.config.flushMs);
    });
    this.writing.add(written);
  }

  private async write(batch: PendingReport[]): Promise<void> {
    try {
      const committed = await withPoolTransaction(this.prisma.pool, BATCH_TRANSACTION, (client) => this.writeBatch(client, batch));
      this.rememberWrites(batch, committed);
      const { plan } = committed;
      batch.forEach((r, i) => r.resolve(plan.outcomes[i]!));
      if (plan.transitions.length > 0) this.relay.kick();
      for (const clusterId of plan.uninstallsAcknowledged) this.wakeFinalizer(clusterId);
    } catch (error) {
      this.logger.error({ err: error, reports: batch.length }, 'report batch failed');
      // Nothing of the batch was stored; the agents report again (503 tells them to retry).
      const unavailable = new AppError('unavailable', 'the report could not be stored; report again');
      batch.forEach((r) => r.reject(unavailable));
    }
  }

  /**
   * The delete waiting for this agent's uninstall re-checks every DELETE_RECHECK_MS; the
   * acknowledgement is committed now, so its finalize job runs now. Best effort: a job that
   * is running or cannot be reached still re-checks in time.
   */
  private wakeFinalizer(clusterId: string): void {
    this.queues.promoteDelayed('cluster.finalize', jobId(clusterId, 'finalize')).catch((error: unknown) =>
      this.logger.warn({ err: error, clusterId }, 'could not wake the finalize job; it re-checks on its own'),
    );
  }

  /**
   * Locks the batch's clusters, plans what the reports change and writes it. A row is read only
   * if this service did not write its current version itself; the rest are planned on the rows
   * it remembers from writing them.
   */
  private async writeBatch(client: PoolClient, batch: PendingReport[]): Promise<WrittenBatch> {
    const ids = [...new Set(batch.map((r) => r.clusterId))];
    const { rows: locked } = await client.query<{ id: string; version: string }>({ ...STATUS_BATCH_LOCK_CLUSTERS, values: [ids] });
    const rows = new Map<string, LockedCluster>();
    const unknown: string[] = [];
    for (const { id, version } of locked) {
      const remembered = this.written.rowAt(id, version);
      if (remembered) rows.set(id, remembered);
      else unknown.push(id);
    }
    if (unknown.length > 0) {
      const { rows: read } = await client.query<LockedCluster>({ ...STATUS_BATCH_READ_CLUSTERS, values: [unknown] });
      for (const row of read) rows.set(row.id, row);
    }
    const plan = planBatch(batch, rows, this.config.livenessTimeoutMs);
    const versions = new Map<string, string>();
    if (plan.writes.length > 0) {
      const { rows: updated } = await client.query<{ id: string; version: string }>({ ...STATUS_BATCH_UPDATE_CLUSTERS, values: [JSON.stringify(plan.writes.map(toClusterRow))] });
      for (const { id, version } of updated) versions.set(id, version);
    }
    if (plan.samples.length > 0) await client.query({ ...STATUS_BATCH_INSERT_SAMPLES, values: [JSON.stringify(plan.samples)] });
    if (plan.transitions.length > 0) await client.query(insertOutboxEventsQuery(plan.transitions));
    return { plan, rows, versions };
  }

  /** After the commit: the rows as written, for the next batch; clusters that stored nothing are read afresh. */
  private rememberWrites(batch: PendingReport[], { plan, rows, versions }: WrittenBatch): void {
    for (const write of plan.writes) {
      const version = versions.get(write.id);
      if (version) this.written.remember(rows.get(write.id)!, write, version);
      else this.written.forget(write.id);
    }
    batch.forEach((report, i) => {
      if (plan.outcomes[i]!.outcome !== 'stored') this.written.forget(report.clusterId);
    });
  }
}

/** One cluster's row of the UPDATE's JSON document; a reported status the row already stores is left out (null). */
function toClusterRow(w: ClusterWrite) {
  return {
    id: w.id,
    last_liveness: w.applied.lastLiveness,
    last_reported_at: w.applied.lastReportedAt,
    reported_status: w.reportedStatusStored ? null : w.applied.reportedStatus,
    state: w.applied.state,
    agent_version: w.agentVersion,
    uninstall_acked_at: w.uninstallAckedAt,
    liveness_checkpoint: w.livenessCheckpoint,
  };
}
