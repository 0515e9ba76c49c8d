import type { NatsConnection } from 'nats';
import type { Pool } from 'pg';
import { TestAgent } from './agent-report';
import { http } from './http-client';
import { collectEvents } from './read-events';
import type { TestSystem } from './test-system';

export interface StatusTransition {
  from: string;
  to: string;
  at: string;
}

/** What status tests look at: clusters they register, the stored state, the published transitions. */
export class StatusProbe {
  private sentinels = 0;

  constructor(
    private readonly system: TestSystem,
    private readonly db: Pool,
    private readonly nc: NatsConnection,
    private readonly token: string,
  ) {}

  /** A registered cluster, created through the Run:ai API; its uuid. */
  async createCluster(name: string): Promise<string> {
    const created = await http<{ uuid: string }>(this.system.gatewayUrl, 'POST', '/api/v1/clusters', { token: this.token, body: { name, version: '2.24' } });
    if (created.status !== 201) throw new Error(`creating cluster ${name} answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body.uuid;
  }

  /** The state the status service stored (the one transitions are computed from). */
  async storedState(clusterId: string): Promise<string> {
    return (await this.db.query<{ state: string }>('SELECT state FROM clusters WHERE id = $1', [clusterId])).rows[0]!.state;
  }

  /** The state a user sees (derived at read time by the gateway). */
  async displayedState(clusterId: string): Promise<string | undefined> {
    return (await http<{ status?: { state: string } }>(this.system.gatewayUrl, 'GET', `/api/v1/clusters/${clusterId}`, { token: this.token })).body.status?.state;
  }

  /**
   * Every `cluster.status-changed` of `clusterId` so far, as `from→to`. A sentinel cluster then
   * connects: the relay publishes the outbox in order, so once the sentinel's event is read no
   * earlier event can still be on its way, and "exactly these" needs no arbitrary wait.
   */
  async transitions(clusterId: string, timeoutMs = 20_000): Promise<string[]> {
    const sentinel = await this.createCluster(`sentinel-${process.pid}-${++this.sentinels}`);
    const answer = await new TestAgent(this.system.gatewayUrl, this.token, sentinel).report();
    if (answer.status !== 200) throw new Error(`sentinel report answered ${answer.status}`);
    const { eventStream, subjectRoot } = this.system.isolation;
    const events = await collectEvents(this.nc, eventStream, `${subjectRoot}.evt.cluster.status-changed`, (read) => read.some((e) => e.envelope.subject === `cluster/${sentinel}`), timeoutMs);
    return events
      .filter((e) => e.envelope.subject === `cluster/${clusterId}`)
      .map((e) => e.envelope.data as unknown as StatusTransition)
      .map(({ from, to }) => `${from}→${to}`);
  }
}
