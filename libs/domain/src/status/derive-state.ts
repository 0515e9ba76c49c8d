import type { RunaiClusterState } from '@clusterplane/contracts';

export const DEFAULT_LIVENESS_TIMEOUT_MS = 60_000;

interface StoredDependency {
  available?: unknown;
}
interface StoredOperand {
  ready?: unknown;
  unreadyThresholdCrossed?: unknown;
}
interface StoredCondition {
  type?: unknown;
  status?: unknown;
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

/**
 * Run:ai's cluster state (SPEC section 6), in priority order: never reported, stale,
 * a required dependency missing, a service issue, otherwise connected. Anything that cannot
 * be read is Unknown rather than a guess.
 */
export function deriveClusterState({ lastLiveness, reportedStatus, now, livenessTimeoutMs }: StateInputs): RunaiClusterState {
  if (!lastLiveness) return 'WaitingToConnect';
  if (now.getTime() - lastLiveness.getTime() > livenessTimeoutMs) return 'Disconnected';
  if (!isRecord(reportedStatus)) return 'Unknown';

  const { dependencies, operands, conditions } = reportedStatus;
  if (dependencies !== undefined && !isRecord(dependencies)) return 'Unknown';
  if (operands !== undefined && !isRecord(operands)) return 'Unknown';
  if (conditions !== undefined && !Array.isArray(conditions)) return 'Unknown';

  const required = isRecord(dependencies) ? (dependencies['required'] ?? {}) : {};
  if (!isRecord(required)) return 'Unknown';
  const missing = Object.values(required).some((dep) => !isRecord(dep) || (dep as StoredDependency).available !== true);
  if (missing) return 'MissingPrerequisites';

  const operandIssue = Object.values(operands ?? {}).some((operand) => {
    const o = operand as StoredOperand;
    return isRecord(operand) && o.ready === false && o.unreadyThresholdCrossed === true;
  });
  const available = (conditions as StoredCondition[] | undefined)?.find((c) => isRecord(c) && c.type === 'Available');
  if (operandIssue || (available && available.status !== 'True')) return 'ServiceIssues';

  return 'Connected';
}
