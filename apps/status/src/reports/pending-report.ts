import type { AgentReport } from '@clusterplane/contracts';

export interface PendingReport {
  clusterId: string;
  tenantId: number;
  receivedAt: Date;
  report: AgentReport;
  resolve: () => void;
  reject: (error: Error) => void;
}
