import type { AgentReport, RunaiClusterState } from '@clusterplane/contracts';
import { nextLivenessCheckpoint, sameJson } from '@clusterplane/domain';
import type { OutboxEventInput } from '@clusterplane/persistence';
import { applyReport, type AppliedReport } from './apply-report';
import { UNINSTALL, type IncomingReport, type ReportOutcome } from './pending-report';

/** A cluster row as the batch reads it, under its row lock. */
export interface LockedCluster {
  id: string;
  tenant_id: number;
  secret_version: number;
  secret_revoked_at: Date | null;
  deleted_at: Date | null;
  delete_requested_at: Date | null;
  uninstall_acked_at: Date | null;
  last_reported_at: Date | null;
  last_liveness: Date | null;
  liveness_checkpoint: Date | null;
  reported_status: Record<string, unknown> | null;
  state: RunaiClusterState;
}

/** What one cluster's row becomes after every report of the batch for it. */
export interface ClusterWrite {
  id: string;
  applied: AppliedReport;
  /** The version of the newest report applied, or null to keep the stored one. */
  agentVersion: string | null;
  uninstallAckedAt: Date | null;
  /** The liveness sweep's index key (nextLivenessCheckpoint): most reports leave it as it is. */
  livenessCheckpoint: Date;
  /**
   * The row already stores this reported status: a heartbeat mostly repeats it, and leaving it
   * out of the UPDATE spares serializing it, sending it and parsing it in Postgres.
   */
  reportedStatusStored: boolean;
}

/**
 * One report's metrics, as the report carries them: Postgres unpacks them into sample rows
 * (STATUS_BATCH_INSERT_SAMPLES), each stamped with its own `timestamp` or else `time`, the
 * report's, and node pool '' when it names none. Passed on as they are, they cost the status
 * service no object per sample and half the bytes of a document of finished rows.
 */
export interface ReportSamples {
  clusterId: string;
  time: string;
  metrics: NonNullable<AgentReport['metrics']>;
}

export interface BatchPlan {
  /** One per report, in the batch's order. */
  outcomes: ReportOutcome[];
  writes: ClusterWrite[];
  samples: ReportSamples[];
  /** `cluster.status-changed`, one per cluster whose state differs from the stored one. */
  transitions: OutboxEventInput[];
  /** Clusters whose delete waited for the agent's uninstall and has it acknowledged by this batch. */
  uninstallsAcknowledged: string[];
}

interface ClusterProgress {
  row: LockedCluster;
  applied: AppliedReport;
  agentVersion: string | null;
  ackedUninstall: boolean;
}

/**
 * Pure: how a batch of reports changes the clusters they are about. Reports apply in arrival
 * order, each on top of the previous one for its cluster, so the batch ends where applying them
 * one by one would. A report for a deleted cluster, or one authenticated with a secret version
 * the cluster no longer has, stores nothing.
 */
export function planBatch(batch: readonly IncomingReport[], clusters: ReadonlyMap<string, LockedCluster>, livenessTimeoutMs: number): BatchPlan {
  const progress = new Map<string, ClusterProgress>();
  const samples: ReportSamples[] = [];
  const verdicts = batch.map((incoming): ReportOutcome['outcome'] => {
    const row = clusters.get(incoming.clusterId);
    if (!row || row.deleted_at) return 'deleted';
    if (incoming.secretVersion !== undefined && (row.secret_revoked_at || row.secret_version !== incoming.secretVersion)) return 'revoked';
    const previous = progress.get(row.id);
    const applied = applyReport(previous?.applied ?? storedStatus(row), incoming.report, incoming.receivedAt, livenessTimeoutMs);
    progress.set(row.id, {
      row,
      applied,
      agentVersion: applied.statusChanged ? incoming.report.version : (previous?.agentVersion ?? null),
      ackedUninstall: (previous?.ackedUninstall ?? false) || (incoming.report.acks ?? []).some((a) => a.command === 'uninstall'),
    });
    const { metrics } = incoming.report;
    if (metrics && metrics.length > 0) samples.push({ clusterId: row.id, time: incoming.report.reportedAt, metrics });
    return 'stored';
  });

  const writes = [...progress.values()].map(({ row, applied, agentVersion, ackedUninstall }): ClusterWrite => ({
    id: row.id,
    applied,
    agentVersion,
    // An acknowledgement counts only while a delete waits for it, and only the first one.
    uninstallAckedAt: row.uninstall_acked_at ?? (ackedUninstall && row.delete_requested_at ? applied.lastLiveness : null),
    livenessCheckpoint: nextLivenessCheckpoint(row.liveness_checkpoint, applied.lastLiveness, livenessTimeoutMs),
    reportedStatusStored: sameJson(row.reported_status, applied.reportedStatus),
  }));
  const pendingUninstall = new Set(writes.filter((w) => clusters.get(w.id)!.delete_requested_at && !w.uninstallAckedAt).map((w) => w.id));
  const outcomes = batch.map((incoming, i): ReportOutcome => ({
    outcome: verdicts[i]!,
    commands: verdicts[i] === 'stored' && pendingUninstall.has(incoming.clusterId) ? [UNINSTALL(incoming.clusterId)] : [],
  }));
  const transitions = [...progress.values()]
    .filter(({ row, applied }) => applied.state !== row.state)
    .map(({ row, applied }): OutboxEventInput => ({
      type: 'cluster.status-changed',
      tenantId: row.tenant_id,
      resourceType: 'cluster',
      resourceId: row.id,
      data: { from: row.state, to: applied.state, at: applied.lastLiveness.toISOString() },
    }));
  const uninstallsAcknowledged = writes.filter((w) => w.uninstallAckedAt && !clusters.get(w.id)!.uninstall_acked_at).map((w) => w.id);
  return { outcomes, writes, samples, transitions, uninstallsAcknowledged };
}

function storedStatus(row: LockedCluster) {
  return { lastReportedAt: row.last_reported_at, lastLiveness: row.last_liveness, reportedStatus: row.reported_status, state: row.state };
}
