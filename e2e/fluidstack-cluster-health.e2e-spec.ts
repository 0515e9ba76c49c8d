import { reportBody } from '@clusterplane/domain';
import { http, TestAgent, type TestSystem } from '@clusterplane/testing';
import { startFluidstack, waitForResource, type FluidstackCall, type FluidstackTest } from './support/fluidstack';

interface KubernetesCluster {
  id: string;
  status: { type: string; details: { health?: string; healthReason?: string; reason?: string } };
}

/** How long a report keeps an agent live here: short, so Disconnected comes within the test. */
const LIVENESS_TIMEOUT_MS = 8_000;

/**
 * A Fluidstack Kubernetes cluster's `status.details.health` is the state of its agent as Run:ai
 * and TrueFoundry show it, read from the same reports: WaitingToConnect until the agent the
 * provider installed reports, Connected, ServiceIssues when the agent says so, Disconnected
 * when it falls silent; each with its reason unless Connected.
 */
describe('Fluidstack Kubernetes cluster health', () => {
  let fluid: FluidstackTest;
  let system: TestSystem;
  let call: FluidstackCall;
  let token: string;

  beforeAll(async () => {
    fluid = await startFluidstack('fshealth', {
      projects: ['health'],
      // The installed agent reports once at install time and then only when this test says so.
      env: { SIM_AGENT_INTERVAL_MS: '3600000', LIVENESS_TIMEOUT_MS: String(LIVENESS_TIMEOUT_MS) },
    });
    ({ system, call, token } = fluid);
  });

  afterAll(() => fluid?.stop());

  const fluidstackHealth = async (id: string) => (await call<KubernetesCluster>('GET', `/kubernetes/clusters/${id}`)).body.status.details;
  const runaiState = async (id: string) => (await http<{ status?: { state: string } }>(system.gatewayUrl, 'GET', `/api/v1/clusters/${id}`, { token })).body.status?.state;
  const truefoundryConnected = async (id: string) => (await http<{ isConnected: boolean }>(system.gatewayUrl, 'GET', `/api/svc/v1/clusters/${id}/is-connected`, { token })).body.isConnected;
  /** Waits for the Fluidstack health, then checks the other dialects read the same state. */
  const expectHealth = async (id: string, state: string, reason: RegExp | undefined, timeoutMs = 30_000) => {
    const cluster = await waitForResource<KubernetesCluster>(call, `/kubernetes/clusters/${id}`, `cluster ${id} ${state}`, (c) => c.status.details.health === state, timeoutMs);
    if (reason) expect(cluster.status.details.healthReason).toMatch(reason);
    else expect(cluster.status.details).not.toHaveProperty('healthReason');
    expect(await runaiState(id)).toBe(state);
    expect(await truefoundryConnected(id)).toBe(state === 'Connected');
  };

  it('moves WaitingToConnect → Connected → ServiceIssues → Connected → Disconnected with the agent’s reports', async () => {
    const created = await call<KubernetesCluster>('POST', '/kubernetes/clusters', { body: { name: `health-${process.pid}`, version: '1.32.5' } });
    expect(created.status).toBe(201);
    const { id } = created.body;
    expect(created.body.status).toEqual({ type: 'PENDING', details: { health: 'WaitingToConnect', healthReason: 'the agent has not reported yet' } });

    // The provider installs the agent once the cluster is READY; its first report connects it.
    await waitForResource<KubernetesCluster>(call, `/kubernetes/clusters/${id}`, `cluster ${id} READY`, (c) => c.status.type === 'READY', 45_000);
    await expectHealth(id, 'Connected', undefined);

    const agent = new TestAgent(system.gatewayUrl, token, id);
    const report = (health: 'healthy' | 'service-issues') => reportBody(health, { version: '2.24', reportedAt: new Date(), acks: [] });
    expect((await agent.report(report('service-issues'))).status).toBe(200);
    await expectHealth(id, 'ServiceIssues', /^operand scheduler is not ready: deployment scheduler has 0\/1 ready replicas$/);
    expect((await fluidstackHealth(id)).reason).toBeUndefined();

    expect((await agent.report(report('healthy'))).status).toBe(200);
    await expectHealth(id, 'Connected', undefined);

    // Silence: no report for longer than the liveness timeout.
    await expectHealth(id, 'Disconnected', /^no report for more than 8 s/, LIVENESS_TIMEOUT_MS + 10_000);
    // Health is the agent's; the cluster itself stays READY.
    expect((await call<KubernetesCluster>('GET', `/kubernetes/clusters/${id}`)).body.status.type).toBe('READY');
  });
});
