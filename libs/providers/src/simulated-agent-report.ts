import type { AgentReport } from '@clusterplane/contracts';
import { reportBody } from '@clusterplane/domain';

export const SIMULATED_AGENT_VERSION = '2.24';

/**
 * What the agent the simulated provider installs reports: a healthy cluster, in the same body
 * agent-sim sends. It acknowledges an uninstall command at once, as a real agent does after
 * removing itself.
 */
export function simulatedAgentReport(now: Date, acknowledgeUninstall: boolean): AgentReport {
  const acks = acknowledgeUninstall ? [{ command: 'uninstall', id: 'simulated' }] : [];
  return reportBody('healthy', { version: SIMULATED_AGENT_VERSION, reportedAt: now, acks }) as AgentReport;
}
