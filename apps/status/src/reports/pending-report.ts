import type { AgentCommand, AgentReport, CommandReply } from '@clusterplane/contracts';

/** What a report's sender learns once its batch committed (the `status.report` reply). */
export type ReportOutcome = CommandReply<'status.report'>;

export interface IncomingReport {
  clusterId: string;
  tenantId: number;
  /** The secret version the gateway verified; absent for reports made inside the product. */
  secretVersion?: number;
  receivedAt: Date;
  report: AgentReport;
}

export interface PendingReport extends IncomingReport {
  resolve: (outcome: ReportOutcome) => void;
  reject: (error: Error) => void;
}

export const UNINSTALL = (clusterId: string): AgentCommand => ({ command: 'uninstall', id: `uninstall-${clusterId}` });
