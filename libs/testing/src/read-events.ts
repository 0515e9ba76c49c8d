import type { NatsConnection } from 'nats';
import type { EventEnvelope } from '@clusterplane/contracts';

export interface ReceivedEvent {
  envelope: EventEnvelope;
  msgId: string | undefined;
  sequence: number;
}

/**
 * Reads a stream from its start with an ordered consumer until `predicate` matches, or fails
 * after `timeoutMs`. Each test file has its own stream, so reading from the start is cheap.
 */
export async function findEvent(nc: NatsConnection, stream: string, subject: string, predicate: (e: EventEnvelope) => boolean, timeoutMs = 10_000): Promise<ReceivedEvent> {
  const found = await collectEvents(nc, stream, subject, (events) => events.some((e) => predicate(e.envelope)), timeoutMs);
  return found.find((e) => predicate(e.envelope))!;
}

/** Reads events until `done(eventsSoFar)` is true; returns all events read. */
export async function collectEvents(nc: NatsConnection, stream: string, subject: string, done: (events: ReceivedEvent[]) => boolean, timeoutMs = 10_000): Promise<ReceivedEvent[]> {
  const consumer = await nc.jetstream().consumers.get(stream, { filterSubjects: subject });
  const events: ReceivedEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  while (!done(events)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms reading ${subject} from ${stream} (${events.length} events read)`);
    const message = await consumer.next({ expires: 1_000 });
    if (!message) continue;
    events.push({ envelope: message.json<EventEnvelope>(), msgId: message.headers?.get('Nats-Msg-Id'), sequence: message.seq });
  }
  return events;
}
