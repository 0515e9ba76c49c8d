// Runs the simulator's fleet in this process with a progress line once a second.
import { sim } from './fleet.mjs';

export async function runWithProgress(label, agents, transport, options, progress) {
  const stats = new sim.FleetStats();
  const started = Date.now();
  const ticker = setInterval(() => {
    const seconds = (Date.now() - started) / 1000;
    progress(`${label}: ${stats.accepted.toLocaleString('en-US')} reports stored, ${Math.round(stats.accepted / seconds).toLocaleString('en-US')}/s, ${stats.failed} failed, ${Math.round(seconds)} s`);
  }, 1_000);
  try {
    await sim.runFleet(agents, transport, { scenario: { kind: 'healthy' }, version: '2.24', log: () => undefined, ...options, stats });
  } finally {
    clearInterval(ticker);
  }
  return { stats, seconds: (Date.now() - started) / 1000 };
}
