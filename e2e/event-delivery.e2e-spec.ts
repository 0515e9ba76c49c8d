import { randomUUID } from 'node:crypto';
import { AckPolicy, connect, DeliverPolicy, headers, type NatsConnection } from 'nats';
import { Pool } from 'pg';
import { collectEvents, http, signTestToken, TestSystem, testInfrastructure, uniqueTenant, waitFor } from '@clusterplane/testing';

/**
 * Every lifecycle event reaches every subscriber: an event committed but never published (the
 * process died between commit and publish) still leaves, once per id even if it was half-sent;
 * and a durable subscriber that was offline during a burst receives everything, in order.
 */
describe('event delivery', () => {
  let system: TestSystem;
  let db: Pool;
  let nc: NatsConnection;
  const tenant = uniqueTenant('events');

  beforeAll(async () => {
    system = await TestSystem.start({ label: 'events', services: ['provisioning', 'gateway'] });
    db = new Pool({ connectionString: testInfrastructure().databaseUrl, max: 2 });
    nc = await connect({ servers: testInfrastructure().natsUrl });
  });

  afterAll(async () => {
    await system?.stop();
    await db?.end();
    await nc?.drain();
  });

  const subjectOf = (type: string) => `${system.isolation.subjectRoot}.evt.${type}`;

  it('publishes an event committed by a process that died before publishing, exactly once per id', async () => {
    const resourceId = randomUUID();
    const committed = randomUUID();
    const halfSent = randomUUID();
    // Two outbox rows left behind by a crash: one never sent, one sent by the dying relay
    // but never marked as published.
    for (const id of [committed, halfSent]) {
      await db.query(
        "INSERT INTO outbox_events (id, type, subject, tenant_id, resource_id, data) VALUES ($1, 'cluster.updated', $2, $3, $4, '{\"reason\":\"crash test\"}')",
        [id, `cluster/${resourceId}`, tenant.id, resourceId],
      );
    }
    const h = headers();
    await nc.jetstream().publish(subjectOf('cluster.updated'), new TextEncoder().encode(JSON.stringify({ id: halfSent, subject: `cluster/${resourceId}` })), { msgID: halfSent, headers: h });

    await waitFor('both rows marked published by the relay', async () => {
      const { rows } = await db.query('SELECT count(*)::int AS n FROM outbox_events WHERE id = ANY($1::uuid[]) AND published_at IS NOT NULL', [[committed, halfSent]]);
      return rows[0].n === 2;
    });
    const events = await collectEvents(nc, system.isolation.eventStream, subjectOf('cluster.updated'), (seen) => seen.some((e) => e.msgId === committed));
    const ofResource = events.filter((e) => e.envelope.subject === `cluster/${resourceId}`);
    expect(ofResource.map((e) => e.msgId).sort()).toEqual([committed, halfSent].sort());
  });

  it('lets a durable subscriber that was offline during a burst replay everything it missed, in order per cluster', async () => {
    const jsm = await nc.jetstreamManager();
    const durable = `offline-${process.pid}`;
    await jsm.consumers.add(system.isolation.eventStream, { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New, filter_subject: `${system.isolation.subjectRoot}.evt.cluster.>` });
    // The subscriber is now offline: nothing reads the consumer while the burst happens.

    const token = await signTestToken(tenant);
    const created = await Promise.all(Array.from({ length: 30 }, (_, i) => http<{ uuid: string }>(system.gatewayUrl, 'POST', '/api/v1/clusters', { token, body: { name: `burst-${i}` } })));
    const ids = created.map((c) => c.body.uuid);
    await waitFor('the burst provisioned', async () => {
      const { rows } = await db.query("SELECT count(*)::int AS n FROM clusters WHERE id = ANY($1::uuid[]) AND phase = 'Ready'", [ids]);
      return rows[0].n === ids.length;
    });
    await waitFor('its events published', async () => {
      const { rows } = await db.query('SELECT count(*)::int AS n FROM outbox_events WHERE resource_id = ANY($1::text[]) AND published_at IS NULL', [ids]);
      return rows[0].n === 0;
    });

    // Back online: read the durable consumer until it is drained.
    const consumer = await nc.jetstream().consumers.get(system.isolation.eventStream, durable);
    const received: { type: string; subject: string }[] = [];
    for (;;) {
      const message = await consumer.next({ expires: 1_000 });
      if (!message) break;
      const envelope = message.json<{ type: string; subject: string }>();
      received.push(envelope);
      message.ack();
    }
    for (const id of ids) {
      const types = received.filter((e) => e.subject === `cluster/${id}`).map((e) => e.type);
      expect(types).toEqual(['cluster.created', 'cluster.ready']);
    }
    process.stdout.write(`event delivery: ${received.length} events replayed by the offline subscriber for ${ids.length} clusters\n`);
    await jsm.consumers.delete(system.isolation.eventStream, durable);
  });
});
