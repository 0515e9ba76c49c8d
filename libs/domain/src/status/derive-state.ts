import type { RunaiClusterState } from '@clusterplane/contracts';

export const DEFAULT_LIVENESS_TIMEOUT_MS = 60_000;

interface StoredDependency {
  available?: unknown;
  reason?: unknown;
}
interface StoredOperand {
  ready?: unknown;
  unreadyThresholdCrossed?: unknown;
  reasons?: unknown;
}
interface StoredCondition {
  type?: unknown;
  status?: unknown;
  reason?: unknown;
  message?: unknown;
}

export interface StateInputs {
  lastLiveness: Date | null;
  reportedStatus: unknown;
  now: Date;
  livenessTimeoutMs: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The derived state and, unless Connected, what made it so, in words an operator can act on. */
export interface ClusterHealth {
  state: RunaiClusterState;
  reason?: string;
}

/**
 * Run:ai's cluster state (SPEC section 6), in priority order: never reported, stale,
 * a required dependency missing, a service issue, otherwise connected. Anything that cannot
 * be read is Unknown rather than a guess.
 */
export function deriveClusterState(inputs: StateInputs): RunaiClusterState {
  return deriveClusterHealth(inputs).state;
}

/** The state of deriveClusterState with its reason: the first thing, in its priority order, that is wrong. */
export function deriveClusterHealth({ lastLiveness, reportedStatus, now, livenessTimeoutMs }: StateInputs): ClusterHealth {
  if (!lastLiveness) return { state: 'WaitingToConnect', reason: 'the agent has not reported yet' };
  if (now.getTime() - lastLiveness.getTime() > livenessTimeoutMs) {
    return { state: 'Disconnected', reason: `no report for more than ${livenessTimeoutMs / 1000} s (last at ${lastLiveness.toISOString()})` };
  }
  const unreadable = { state: 'Unknown', reason: 'the last report cannot be read' } as const;
  if (!isRecord(reportedStatus)) return unreadable;

  const { dependencies, operands, conditions } = reportedStatus;
  if (dependencies !== undefined && !isRecord(dependencies)) return unreadable;
  if (operands !== undefined && !isRecord(operands)) return unreadable;
  if (conditions !== undefined && !Array.isArray(conditions)) return unreadable;

  const required = isRecord(dependencies) ? (dependencies['required'] ?? {}) : {};
  if (!isRecord(required)) return unreadable;
  const missing = Object.entries(required).find(([, dep]) => !isRecord(dep) || (dep as StoredDependency).available !== true);
  if (missing) return { state: 'MissingPrerequisites', reason: withDetail(`required dependency ${missing[0]} is not available`, (missing[1] as StoredDependency | null)?.reason) };

  const unready = Object.entries(operands ?? {}).find(([, operand]) => {
    const o = operand as StoredOperand;
    return isRecord(operand) && o.ready === false && o.unreadyThresholdCrossed === true;
  });
  if (unready) return { state: 'ServiceIssues', reason: withDetail(`operand ${unready[0]} is not ready`, (unready[1] as StoredOperand).reasons) };
  const available = (conditions as StoredCondition[] | undefined)?.find((c) => isRecord(c) && c.type === 'Available');
  if (available && available.status !== 'True') {
    return { state: 'ServiceIssues', reason: withDetail(`condition Available is ${String(available.status)}`, [available.reason, available.message]) };
  }

  return { state: 'Connected' };
}

/** `summary: detail; detail` with only the details that are non-empty strings. */
function withDetail(summary: string, detail: unknown): string {
  const parts = (Array.isArray(detail) ? detail : [detail]).filter((d): d is string => typeof d === 'string' && d.length > 0);
  return parts.length > 0 ? `${summary}: ${parts.join('; ')}` : summary;
}
