import type { AgentHealth } from '@clusterplane/domain';
import { parseDuration } from '../duration';

/** What a simulated cluster looks like in one report. */
export type ClusterHealth = AgentHealth;

export const SCENARIO_NAMES = ['healthy', 'missing-prerequisites', 'service-issues', 'flapping', 'disconnect-after=DURATION'] as const;

export interface Scenario {
  /** `flapping` alternates healthy and service-issues from one report to the next. */
  kind: ClusterHealth | 'flapping';
  /** `disconnect-after=DURATION`: healthy reports, then the agent goes silent for good. */
  silentAfterMs?: number;
}

export function parseScenario(raw: string): Scenario {
  const disconnect = /^disconnect-after=(.+)$/.exec(raw);
  if (disconnect) return { kind: 'healthy', silentAfterMs: parseDuration(disconnect[1]!) };
  if (raw === 'healthy' || raw === 'missing-prerequisites' || raw === 'service-issues' || raw === 'flapping') return { kind: raw };
  throw new Error(`unknown scenario: ${raw} (one of ${SCENARIO_NAMES.join(', ')})`);
}

/** The health an agent reports in its `round`-th report (counting from 0). */
export function healthInRound(scenario: Scenario, round: number): ClusterHealth {
  if (scenario.kind !== 'flapping') return scenario.kind;
  return round % 2 === 0 ? 'healthy' : 'service-issues';
}

/** True once a `disconnect-after` agent should stop reporting. */
export function isSilent(scenario: Scenario, elapsedMs: number): boolean {
  return scenario.silentAfterMs !== undefined && elapsedMs >= scenario.silentAfterMs;
}
