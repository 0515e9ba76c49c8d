/** The health an agent report describes; each derives to a distinct Run:ai state. */
export type AgentHealth = 'healthy' | 'missing-prerequisites' | 'service-issues';

export interface ReportContext {
  version: string;
  reportedAt: Date;
  acks: { command: string; id: string }[];
  nodePools?: { name: string; nodes: number; gpus: number }[];
  metrics?: { type: string; nodePool: string; value: number }[];
}

const REQUIRED_DEPENDENCY = 'nvidia-gpu-operator';

/**
 * The body of one agent report (SPEC section 6) for a cluster in the given health:
 * `missing-prerequisites` lacks a required dependency, `service-issues` has an operand unready
 * past its threshold and `Available` False. Condition times are the agent's own clock; the
 * control plane keeps the stored `lastTransitionTime` while a condition's status holds.
 */
export function reportBody(health: AgentHealth, context: ReportContext): Record<string, unknown> {
  const at = context.reportedAt.toISOString();
  const serviceIssues = health === 'service-issues';
  const missing = health === 'missing-prerequisites';
  return {
    reportedAt: at,
    version: context.version,
    platform: { type: 'vanilla', kubeVersion: 'v1.31.2' },
    config: { workloadOwnershipProtection: false, subdomainEnabled: false, ingressClass: 'nginx' },
    conditions: [
      serviceIssues
        ? { type: 'Available', status: 'False', reason: 'OperandsNotReady', message: 'scheduler has been unready for too long', lastTransitionTime: at }
        : { type: 'Available', status: 'True', reason: 'AllOperandsReady', message: 'all operands are ready', lastTransitionTime: at },
    ],
    operands: {
      scheduler: serviceIssues ? { ready: false, reasons: ['deployment scheduler has 0/1 ready replicas'], unreadyThresholdCrossed: true } : { ready: true },
      'metrics-exporter': { ready: true },
    },
    dependencies: {
      required: { [REQUIRED_DEPENDENCY]: missing ? { available: false, reason: 'the GPU operator is not installed' } : { available: true } },
      optional: { prometheus: { available: true } },
    },
    ...(context.nodePools ? { nodePools: context.nodePools } : {}),
    ...(context.metrics && context.metrics.length > 0 ? { metrics: context.metrics } : {}),
    ...(context.acks.length > 0 ? { acks: context.acks } : {}),
  };
}
