import { setTimeout as sleep } from 'node:timers/promises';
import { isSilent, type Scenario } from '../scenarios/scenario';
import type { AgentTransport } from './agent-transport';
import { FleetStats } from './fleet-stats';
import { mapWithConcurrency } from './map-with-concurrency';
import type { SimulatedAgent } from './simulated-agent';

export interface FleetOptions {
  scenario: Scenario;
  version: string;
  /** Each agent reports once per interval; the reports of a round are spread over it. 0: back to back. */
  intervalMs: number;
  /** Reports in flight at most, across all agents. */
  concurrency: number;
  /** Stop after this many rounds. */
  rounds?: number;
  /** Stop sending after this long. */
  durationMs?: number;
  signal?: AbortSignal;
  log: (fields: Record<string, unknown>) => void;
  /** Counters to add to, so a caller can watch a run while it goes. */
  stats?: FleetStats;
}

/** How many failed reports are logged one by one before the rest are only counted. */
const LOGGED_FAILURES = 20;

/**
 * Runs many simulated agents from one process. Each round every reporting agent sends one
 * report; within a round the reports are paced evenly over the interval so the gateway sees a
 * steady rate, with at most `concurrency` in flight. An agent told to uninstall acknowledges it
 * at once in a final report and stops; a 404 (deleted) or 401 (rejected) stops it too.
 */
export async function runFleet(agents: SimulatedAgent[], transport: AgentTransport, options: FleetOptions): Promise<FleetStats> {
  const stats = options.stats ?? new FleetStats();
  const started = Date.now();
  const deadline = options.durationMs === undefined ? Infinity : started + options.durationMs;
  const over = () => options.signal?.aborted || Date.now() >= deadline;

  for (let round = 0; options.rounds === undefined || round < options.rounds; round++) {
    const active = agents.filter((a) => a.state === 'reporting');
    if (active.length === 0 || over()) break;
    const roundStart = Date.now();
    const spacingMs = options.intervalMs / active.length;
    await mapWithConcurrency(active, options.concurrency, async (agent, index) => {
      const wait = roundStart + index * spacingMs - Date.now();
      if (wait > 1) await pause(wait, options.signal);
      if (over()) return;
      if (isSilent(options.scenario, Date.now() - started)) return stop(agent, 'silent', stats, options, 'agent goes silent (disconnect-after)');
      await reportOnce(agent, transport, stats, options);
    });
    const isLast = options.rounds !== undefined && round + 1 >= options.rounds;
    const rest = roundStart + options.intervalMs - Date.now();
    if (!isLast && rest > 0) await pause(Math.min(rest, deadline - Date.now()), options.signal);
  }
  return stats;
}

async function reportOnce(agent: SimulatedAgent, transport: AgentTransport, stats: FleetStats, options: FleetOptions): Promise<void> {
  const acked = agent.pendingAcks;
  const body = agent.nextReport(options.scenario, options.version, new Date());
  const sentAt = performance.now();
  stats.sent++;
  const answer = await transport.report(agent.clusterId, agent.secret, body);
  if (answer.kind === 'accepted') {
    stats.accepted++;
    stats.recordLatency(performance.now() - sentAt);
    agent.pendingAcks = [];
    if (acked.some((a) => a.command === 'uninstall')) return stop(agent, 'uninstalled', stats, options, 'uninstalled; agent stops');
    const uninstall = answer.commands.filter((c) => c.command === 'uninstall');
    if (uninstall.length === 0) return;
    // The agent uninstalls itself, then says so in one last report.
    agent.pendingAcks = uninstall;
    options.log({ msg: 'uninstall requested', cluster: agent.clusterId });
    return reportOnce(agent, transport, stats, options);
  }
  if (answer.kind === 'deleted') return stop(agent, 'deleted', stats, options, `cluster deleted; agent stops (${answer.message})`);
  if (answer.kind === 'rejected') return stop(agent, 'rejected', stats, options, `report rejected; agent stops (${answer.message})`);
  stats.failed++;
  if (stats.failed <= LOGGED_FAILURES) options.log({ msg: 'report failed', cluster: agent.clusterId, status: answer.status, error: answer.message });
}

function stop(agent: SimulatedAgent, state: Exclude<SimulatedAgent['state'], 'reporting'>, stats: FleetStats, options: FleetOptions, msg: string): void {
  agent.state = state;
  stats.stopped[state]++;
  options.log({ msg, cluster: agent.clusterId });
}

async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
