import type { AgentReport } from '@clusterplane/contracts';

export const SIMULATED_AGENT_VERSION = '2.24';

/**
 * What the agent the simulated provider installs reports: a healthy cluster. It acknowledges
 * an uninstall command at once, as a real agent does after removing itself.
 */
export function simulatedAgentReport(now: Date, acknowledgeUninstall: boolean): AgentReport {
  const at = now.toISOString();
  return {
    reportedAt: at,
    version: SIMULATED_AGENT_VERSION,
    platform: { type: 'vanilla', kubeVersion: 'v1.31.2' },
    config: { workloadOwnershipProtection: false, subdomainEnabled: false, ingressClass: 'nginx' },
    conditions: [{ type: 'Available', status: 'True', reason: 'AllOperandsReady', message: 'all operands are ready', lastTransitionTime: at }],
    operands: { scheduler: { ready: true }, 'metrics-exporter': { ready: true } },
    dependencies: { required: { 'nvidia-gpu-operator': { available: true } }, optional: { prometheus: { available: true } } },
    ...(acknowledgeUninstall ? { acks: [{ command: 'uninstall' as const, id: 'simulated' }] } : {}),
  };
}
