import { connect, type NatsConnection } from 'nats';
import { freePort, http, NatsServerProcess, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

interface RunaiError {
  code: number;
  message: string;
}

describe('the gateway when the command bus fails', () => {
  const tenant = uniqueTenant('bus');

  describe('with no service answering', () => {
    let system: TestSystem;
    let nc: NatsConnection;
    let token: string;

    beforeAll(async () => {
      system = await TestSystem.start({ label: 'bus', services: ['gateway'], serviceEnv: { gateway: { COMMAND_TIMEOUT_MS: '800' } } });
      nc = await connect({ servers: testInfrastructure().natsUrl });
      token = await signTestToken(tenant);
    });

    afterAll(async () => {
      await system?.stop();
      await nc?.drain();
    });

    it('answers 503 with Retry-After at once when nothing listens for the command', async () => {
      const started = Date.now();
      const response = await http<RunaiError>(system.gatewayUrl, 'POST', '/api/v1/clusters', { token, body: { name: 'nobody-home' } });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(response.body.code).toBe(503);
      expect(Date.now() - started).toBeLessThan(800);
    });

    it('answers 504 when the service takes the command but never replies', async () => {
      const silent = nc.subscribe(`${system.isolation.subjectRoot}.cmd.cluster.create`, { queue: 'provisioning' });
      await nc.flush();
      const started = Date.now();
      const response = await http<RunaiError>(system.gatewayUrl, 'POST', '/api/v1/clusters', { token, body: { name: 'silent' } });
      const elapsed = Date.now() - started;
      silent.unsubscribe();
      expect(response.status).toBe(504);
      expect(response.body).toMatchObject({ code: 504 });
      expect(elapsed).toBeGreaterThanOrEqual(700);
      expect(elapsed).toBeLessThan(3_000);
    });
  });

  describe('with NATS down and back', () => {
    let nats: NatsServerProcess;
    let system: TestSystem;
    let token: string;

    beforeAll(async () => {
      nats = new NatsServerProcess(await freePort());
      await nats.start();
      system = await TestSystem.start({ label: 'natsdown', services: ['provisioning', 'gateway'], env: { NATS_URL: nats.url } });
      token = await signTestToken(tenant);
    });

    afterAll(async () => {
      await system?.stop();
      await nats?.dispose();
    });

    it('answers 503 promptly while NATS is unreachable and recovers without a restart', async () => {
      const before = await http(system.gatewayUrl, 'POST', '/api/v1/clusters', { token, body: { name: 'before-outage' } });
      expect(before.status).toBe(201);

      await nats.stop();
      const down = await waitFor('the gateway to notice the outage', async () => {
        const started = Date.now();
        const response = await http<RunaiError>(system.gatewayUrl, 'POST', '/api/v1/clusters', { token, body: { name: 'during-outage' } });
        return response.status === 503 ? { response, ms: Date.now() - started } : undefined;
      }, { timeoutMs: 15_000, intervalMs: 200 });
      expect(down.response.headers.get('retry-after')).toBe('2');
      expect(down.ms).toBeLessThan(1_000);

      await nats.start();
      const after = await waitFor('a create to succeed after NATS is back', async () => {
        const response = await http<{ name: string }>(system.gatewayUrl, 'POST', '/api/v1/clusters', { token, body: { name: 'after-outage' } });
        return response.status === 201 ? response : undefined;
      }, { timeoutMs: 20_000, intervalMs: 250 });
      expect(after.body.name).toBe('after-outage');
    });
  });
});
