import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@clusterplane/platform';
import type { DeletionConfig } from '../deletion.config';
import type { FinalizingCluster } from '../clusters/finalizing-cluster';
import type { FinalizerStep, StepOutcome } from './finalizer-step';

/**
 * The uninstall command rides on the agent's next status answer. The step ends when the agent
 * acknowledges it — or at once when no agent can answer (never connected, or disconnected),
 * or when the grace period runs out: an unreachable agent never blocks a delete forever.
 */
@Injectable()
export class AgentUninstallStep implements FinalizerStep {
  readonly finalizer = 'agent-uninstall' as const;

  constructor(@Inject(APP_CONFIG) private readonly config: DeletionConfig) {}

  async run(cluster: FinalizingCluster, now: Date): Promise<StepOutcome> {
    if (cluster.uninstallAckedAt) return { done: true };
    // No agent to wait for: none ever reported, and the provider installed none (an agent the
    // provider just installed may not have reported yet, but it will answer).
    if (!cluster.lastLiveness && !cluster.agentInstalledAt) return { done: true };
    if (cluster.lastLiveness && now.getTime() - cluster.lastLiveness.getTime() > this.config.livenessTimeoutMs) return { done: true };
    const waited = now.getTime() - (cluster.deleteRequestedAt ?? now).getTime();
    const remaining = this.config.agentUninstallGraceMs - waited;
    if (remaining <= 0) return { done: true };
    return { done: false, recheckInMs: Math.min(remaining, this.config.deleteRecheckMs), reason: 'waiting for the agent to acknowledge uninstall' };
  }
}
