import { agentReportSchema } from '@clusterplane/contracts';
import { deriveClusterState } from './derive-state';
import { reportBody, type AgentHealth, type ReportContext } from './agent-report-body';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const context = (extra: Partial<ReportContext> = {}): ReportContext => ({ version: '2.24', reportedAt: NOW, acks: [], ...extra });

describe('reportBody', () => {
  it.each([
    ['healthy', 'Connected'],
    ['missing-prerequisites', 'MissingPrerequisites'],
    ['service-issues', 'ServiceIssues'],
  ] as [AgentHealth, string][])('is a valid report that a %s cluster derives to %s from', (health, state) => {
    const parsed = agentReportSchema.parse(reportBody(health, context()));
    expect(deriveClusterState({ lastLiveness: NOW, reportedStatus: parsed, now: NOW, livenessTimeoutMs: 60_000 })).toBe(state);
  });

  it('carries acks, node pools and metrics only when there are some', () => {
    const bare = reportBody('healthy', context({ metrics: [] }));
    expect(bare).not.toHaveProperty('acks');
    expect(bare).not.toHaveProperty('metrics');
    expect(bare).not.toHaveProperty('nodePools');

    const full = agentReportSchema.parse(reportBody('healthy', context({
      acks: [{ command: 'uninstall', id: 'uninstall-1' }],
      nodePools: [{ name: 'h100-pool', nodes: 2, gpus: 16 }],
      metrics: [{ type: 'TOTAL_GPU', nodePool: 'h100-pool', value: 16 }],
    })));
    expect(full.acks).toEqual([{ command: 'uninstall', id: 'uninstall-1' }]);
    expect(full.nodePools).toEqual([{ name: 'h100-pool', nodes: 2, gpus: 16 }]);
    expect(full.metrics).toEqual([{ type: 'TOTAL_GPU', nodePool: 'h100-pool', value: 16 }]);
  });

  it('stamps the report and its conditions with the agent clock', () => {
    const body = reportBody('service-issues', context()) as { reportedAt: string; conditions: { lastTransitionTime: string }[] };
    expect(body.reportedAt).toBe(NOW.toISOString());
    expect(body.conditions[0]!.lastTransitionTime).toBe(NOW.toISOString());
  });
});
