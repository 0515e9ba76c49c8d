import type { AgentTransport, ReportAnswer } from './agent-transport';
import { runFleet, type FleetOptions } from './run-fleet';
import { SimulatedAgent } from './simulated-agent';

interface Sent {
  clusterId: string;
  body: Record<string, unknown>;
}

/** Answers reports from a script per cluster; anything unscripted is accepted without commands. */
function fakeTransport(script: Record<string, ReportAnswer[]> = {}) {
  const sent: Sent[] = [];
  const transport = {
    report: async (clusterId: string, _secret: string, body: Record<string, unknown>): Promise<ReportAnswer> => {
      sent.push({ clusterId, body });
      return script[clusterId]?.shift() ?? { kind: 'accepted', commands: [] };
    },
  } as unknown as AgentTransport;
  return { transport, sent };
}

const options = (extra: Partial<FleetOptions> = {}): FleetOptions => ({
  scenario: { kind: 'healthy' },
  version: '2.24',
  intervalMs: 0,
  concurrency: 4,
  rounds: 3,
  log: () => undefined,
  ...extra,
});

const agents = (...ids: string[]) => ids.map((id) => new SimulatedAgent(id, `secret-${id}`, 1));
const availability = (s: Sent) => (s.body['conditions'] as { status: string }[])[0]!.status;

describe('runFleet', () => {
  it('sends one report per agent per round, with metrics for its node pools', async () => {
    const { transport, sent } = fakeTransport();
    const stats = await runFleet(agents('a', 'b'), transport, options());
    expect(sent.map((s) => s.clusterId).sort()).toEqual(['a', 'a', 'a', 'b', 'b', 'b']);
    expect(stats).toMatchObject({ sent: 6, accepted: 6, failed: 0 });
    expect(stats.latenciesMs).toHaveLength(6);
    expect((sent[0]!.body['metrics'] as unknown[]).length).toBe(10);
  });

  it('acknowledges uninstall at once in a last report, then stops that agent only', async () => {
    const { transport, sent } = fakeTransport({ a: [{ kind: 'accepted', commands: [{ command: 'uninstall', id: 'u-1' }] }] });
    const stats = await runFleet(agents('a', 'b'), transport, options());
    const fromA = sent.filter((s) => s.clusterId === 'a');
    expect(fromA).toHaveLength(2);
    expect(fromA[0]!.body).not.toHaveProperty('acks');
    expect(fromA[1]!.body['acks']).toEqual([{ command: 'uninstall', id: 'u-1' }]);
    expect(sent.filter((s) => s.clusterId === 'b')).toHaveLength(3);
    expect(stats.stopped).toMatchObject({ uninstalled: 1, deleted: 0 });
  });

  it('stops an agent whose cluster is deleted (404) or whose secret is rejected (401)', async () => {
    const { transport, sent } = fakeTransport({ a: [{ kind: 'deleted', message: 'gone' }], b: [{ kind: 'rejected', message: 'bad secret' }] });
    const stats = await runFleet(agents('a', 'b', 'c'), transport, options());
    expect(sent.filter((s) => s.clusterId !== 'c')).toHaveLength(2);
    expect(stats.stopped).toMatchObject({ deleted: 1, rejected: 1 });
  });

  it('keeps reporting after a failed report', async () => {
    const { transport, sent } = fakeTransport({ a: [{ kind: 'failed', status: 503, message: 'bus down' }] });
    const stats = await runFleet(agents('a'), transport, options());
    expect(sent).toHaveLength(3);
    expect(stats).toMatchObject({ sent: 3, accepted: 2, failed: 1 });
  });

  it('flaps between Available True and False from one report to the next', async () => {
    const { transport, sent } = fakeTransport();
    await runFleet(agents('a'), transport, options({ scenario: { kind: 'flapping' }, rounds: 4 }));
    expect(sent.map(availability)).toEqual(['True', 'False', 'True', 'False']);
  });

  it('goes silent for good after disconnect-after', async () => {
    const { transport, sent } = fakeTransport();
    const stats = await runFleet(agents('a', 'b'), transport, options({ scenario: { kind: 'healthy', silentAfterMs: 0 }, rounds: 5 }));
    expect(sent).toHaveLength(0);
    expect(stats.stopped.silent).toBe(2);
  });

  it('spreads a round over the interval and stops at the duration', async () => {
    const { transport, sent } = fakeTransport();
    const started = Date.now();
    await runFleet(agents('a', 'b', 'c', 'd'), transport, options({ intervalMs: 200, rounds: undefined, durationMs: 300 }));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(2_000);
    // Two rounds fit in 300 ms at one round per 200 ms; the second is cut short by the deadline.
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(sent.length).toBeLessThanOrEqual(8);
  });

  it('stops when aborted', async () => {
    const { transport, sent } = fakeTransport();
    const stop = new AbortController();
    stop.abort();
    await runFleet(agents('a'), transport, options({ signal: stop.signal }));
    expect(sent).toHaveLength(0);
  });
});
