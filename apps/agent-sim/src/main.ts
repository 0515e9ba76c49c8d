import { setTimeout as sleep } from 'node:timers/promises';
import { GatewayClient } from './gateway-client';
import { healthyReport } from './healthy-report';
import { parseSimOptions } from './sim-options';

interface SimulatedAgent {
  clusterId: string;
  secret: string;
  pendingAcks: { command: string; id: string }[];
  uninstalled: boolean;
}

/**
 * Simulates cluster agents: creates clusters through the Run:ai API (or takes existing uuids),
 * fetches each one's client secret from its install info, and reports status on an interval.
 * An agent told to uninstall acknowledges it in its next report and then stops.
 */
async function main(): Promise<void> {
  const options = parseSimOptions(process.argv.slice(2), process.env);
  const gateway = new GatewayClient(options.gateway, options.token);

  const ids = [...options.existing];
  for (let i = 0; i < options.clusters; i++) ids.push(await gateway.createCluster(`sim-${process.pid}-${Date.now().toString(36)}-${i}`, options.version));
  const agents: SimulatedAgent[] = [];
  for (const clusterId of ids) agents.push({ clusterId, secret: await gateway.clientSecret(clusterId, options.version), pendingAcks: [], uninstalled: false });
  log({ msg: 'agents ready', clusters: agents.map((a) => a.clusterId) });

  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());

  for (let round = 0; !stop.signal.aborted && (options.reports === undefined || round < options.reports); round++) {
    const active = agents.filter((a) => !a.uninstalled);
    if (active.length === 0) break;
    await Promise.all(active.map((agent) => reportOnce(gateway, agent, options.version)));
    if (options.reports === undefined || round + 1 < options.reports) await sleep(options.intervalMs, undefined, { signal: stop.signal }).catch(() => undefined);
  }
  log({ msg: 'agent-sim stopped' });
}

async function reportOnce(gateway: GatewayClient, agent: SimulatedAgent, version: string): Promise<void> {
  try {
    const acks = agent.pendingAcks;
    const answer = await gateway.report(agent.clusterId, agent.secret, healthyReport(version, new Date(), acks));
    if (answer === 'deleted') {
      agent.uninstalled = true;
      log({ msg: 'cluster deleted; agent stops', cluster: agent.clusterId });
      return;
    }
    const hadUninstallAck = acks.some((a) => a.command === 'uninstall');
    agent.pendingAcks = answer.filter((c) => c.command === 'uninstall');
    if (hadUninstallAck) {
      agent.uninstalled = true;
      log({ msg: 'uninstalled', cluster: agent.clusterId });
    }
  } catch (error) {
    log({ msg: 'report failed', cluster: agent.clusterId, error: (error as Error).message });
  }
}

function log(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'agent-sim', ...fields })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`agent-sim: ${(error as Error).message}\n`);
  process.exit(1);
});
