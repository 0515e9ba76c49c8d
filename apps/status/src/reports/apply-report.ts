import type { AgentReport, RunaiClusterState } from '@clusterplane/contracts';
import { acceptedReportTime, deriveClusterState, mergeConditions, type StoredCondition } from '@clusterplane/domain';

export interface StoredClusterStatus {
  lastReportedAt: Date | null;
  lastLiveness: Date | null;
  reportedStatus: Record<string, unknown> | null;
  state: RunaiClusterState;
}

export interface AppliedReport {
  /** False when the report is older than the stored one: liveness may move, status may not. */
  statusChanged: boolean;
  lastLiveness: Date;
  lastReportedAt: Date | null;
  reportedStatus: Record<string, unknown> | null;
  state: RunaiClusterState;
}

/** Pure: what a cluster's stored status becomes when `report` arrives at `receivedAt`. */
export function applyReport(stored: StoredClusterStatus, report: AgentReport, receivedAt: Date, livenessTimeoutMs: number): AppliedReport {
  const lastLiveness = stored.lastLiveness && stored.lastLiveness > receivedAt ? stored.lastLiveness : receivedAt;
  const reportedAt = acceptedReportTime(new Date(report.reportedAt), receivedAt);
  const isNewer = !stored.lastReportedAt || reportedAt > stored.lastReportedAt;
  if (!isNewer) {
    const state = deriveClusterState({ lastLiveness, reportedStatus: stored.reportedStatus, now: receivedAt, livenessTimeoutMs });
    return { statusChanged: false, lastLiveness, lastReportedAt: stored.lastReportedAt, reportedStatus: stored.reportedStatus, state };
  }
  const previousConditions = (stored.reportedStatus?.['conditions'] as StoredCondition[] | undefined) ?? [];
  const reportedStatus = {
    conditions: mergeConditions(previousConditions, report.conditions, receivedAt.toISOString()),
    operands: report.operands,
    platform: report.platform ?? null,
    config: report.config ?? null,
    dependencies: report.dependencies,
  };
  const state = deriveClusterState({ lastLiveness, reportedStatus, now: receivedAt, livenessTimeoutMs });
  return { statusChanged: true, lastLiveness, lastReportedAt: reportedAt, reportedStatus, state };
}
