import type { Cluster } from '@clusterplane/persistence';
import type { DeletionConfig } from '../deletion.config';
import { AgentUninstallStep } from './agent-uninstall.step';

const NOW = new Date('2026-01-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const config = { agentUninstallGraceMs: 300_000, deleteRecheckMs: 2_000, livenessTimeoutMs: 60_000 } as DeletionConfig;
const step = new AgentUninstallStep(config);
const cluster = (fields: Partial<Cluster>): Cluster => ({ uninstallAckedAt: null, lastLiveness: null, agentInstalledAt: null, deleteRequestedAt: ago(1_000), ...fields }) as Cluster;

describe('AgentUninstallStep', () => {
  it('is done once the agent acknowledged', async () => {
    expect(await step.run(cluster({ uninstallAckedAt: ago(10), lastLiveness: ago(10) }), NOW)).toEqual({ done: true });
  });

  it('is done at once when no agent ever reported and none was installed', async () => {
    expect(await step.run(cluster({}), NOW)).toEqual({ done: true });
  });

  it('waits for an agent the provider installed even before its first report', async () => {
    expect(await step.run(cluster({ agentInstalledAt: ago(500) }), NOW)).toMatchObject({ done: false, recheckInMs: 2_000 });
  });

  it('does not wait for an agent that went quiet longer than the liveness timeout', async () => {
    expect(await step.run(cluster({ lastLiveness: ago(60_001) }), NOW)).toEqual({ done: true });
  });

  it('waits for a live agent, re-checking no later than the grace period ends', async () => {
    expect(await step.run(cluster({ lastLiveness: ago(5_000), deleteRequestedAt: ago(299_500) }), NOW)).toMatchObject({ done: false, recheckInMs: 500 });
  });

  it('gives up waiting when the grace period is over', async () => {
    expect(await step.run(cluster({ lastLiveness: ago(5_000), deleteRequestedAt: ago(300_000) }), NOW)).toEqual({ done: true });
  });
});
