import { AgentTransport } from './fleet/agent-transport';
import { resolveClusters } from './fleet/cluster-source';
import { runFleet } from './fleet/run-fleet';
import { SimulatedAgent } from './fleet/simulated-agent';
import { parseSimOptions } from './sim-options';

/**
 * Simulates cluster agents speaking the agent protocol (SPEC section 6): for clusters it
 * creates or is given, it reports status on an interval in the chosen scenario, with GPU
 * metrics per node pool, and handles `uninstall` and deleted clusters as a real agent would.
 */
async function main(): Promise<void> {
  const options = parseSimOptions(process.argv.slice(2), process.env);
  const clusters = await resolveClusters(options);
  const agents = clusters.map((c) => new SimulatedAgent(c.clusterId, c.secret, options.nodePools));
  log({ msg: 'agents ready', clusters: agents.length, scenario: options.scenario, ...(agents.length <= 20 ? { ids: agents.map((a) => a.clusterId) } : {}) });

  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());

  const transport = new AgentTransport(options.gateway, options.concurrency);
  try {
    const stats = await runFleet(agents, transport, {
      scenario: options.scenario,
      version: options.version,
      intervalMs: options.intervalMs,
      concurrency: options.concurrency,
      rounds: options.reports,
      durationMs: options.durationMs,
      signal: stop.signal,
      log,
    });
    log({ msg: 'agent-sim stopped', ...stats.summary() });
  } finally {
    await transport.close();
  }
}

function log(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'agent-sim', ...fields })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`agent-sim: ${(error as Error).message}\n`);
  process.exit(1);
});
