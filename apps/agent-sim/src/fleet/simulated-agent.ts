import { createNodePools, nextGpuMetrics, seededRandom, type SimNodePool } from '../metrics/gpu-metrics';
import { reportBody } from '@clusterplane/domain';
import { healthInRound, type Scenario } from '../scenarios/scenario';
import type { AgentCommand } from './agent-transport';

export type AgentState = 'reporting' | 'uninstalled' | 'deleted' | 'rejected' | 'silent';

/** One cluster's agent: its credentials, what it owes the control plane, and its GPU load. */
export class SimulatedAgent {
  state: AgentState = 'reporting';
  /** Reports sent so far; the scenario's shape (e.g. flapping) follows it. */
  reports = 0;
  /** Commands to acknowledge in the next report. */
  pendingAcks: AgentCommand[] = [];
  private readonly random: () => number;
  private readonly pools: SimNodePool[];

  constructor(readonly clusterId: string, readonly secret: string, nodePools: number) {
    this.random = seededRandom(clusterId);
    this.pools = createNodePools(nodePools, this.random);
  }

  nextReport(scenario: Scenario, version: string, now: Date): Record<string, unknown> {
    const health = healthInRound(scenario, this.reports);
    this.reports++;
    return reportBody(health, {
      version,
      reportedAt: now,
      acks: this.pendingAcks,
      nodePools: this.pools.map((p) => ({ name: p.name, nodes: p.nodes, gpus: p.nodes * p.gpusPerNode })),
      metrics: nextGpuMetrics(this.pools, this.random),
    });
  }
}
