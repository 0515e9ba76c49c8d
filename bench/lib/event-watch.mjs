// Watches the product's own lifecycle events on its JetStream stream (the run's EVENT_STREAM and
// SUBJECT_ROOT from benchEnv): for each resource, when the product says the event happened
// (`occurredAt`, written in the transaction that made the change) and when it reached us.
import { connect } from 'nats';

/**
 * Starts reading `type` events (e.g. `cluster.ready`) from the start of the run's stream.
 * `seen` maps a resource id (the uuid of `subject` `cluster/<uuid>`) to {occurredAt, receivedAt},
 * both epoch ms; the first event of a resource wins.
 */
export async function watchEvents(env, type) {
  const nc = await connect({ servers: env.NATS_URL });
  const consumer = await nc.jetstream().consumers.get(env.EVENT_STREAM, { filterSubjects: `${env.SUBJECT_ROOT}.evt.${type}` });
  const messages = await consumer.consume();
  const seen = new Map();
  const reading = (async () => {
    for await (const message of messages) {
      const event = message.json();
      const resourceId = event.subject.slice(event.subject.indexOf('/') + 1);
      if (!seen.has(resourceId)) seen.set(resourceId, { occurredAt: Date.parse(event.occurredAt), receivedAt: Date.now() });
    }
  })();
  return {
    seen,
    async close() {
      await messages.close();
      await reading.catch(() => undefined);
      await nc.close();
    },
  };
}
