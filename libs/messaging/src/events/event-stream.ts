import { DiscardPolicy, nanos, RetentionPolicy, StorageType, type NatsConnection, type StreamConfig } from 'nats';

export interface EventStreamSettings {
  name: string;
  subjectRoot: string;
  maxAgeMs: number;
  duplicateWindowMs: number;
}

/**
 * Creates or updates the lifecycle event stream. The duplicate window lets the outbox relay
 * republish after a crash without subscribers seeing an event twice (Nats-Msg-Id = outbox id).
 */
export async function ensureEventStream(nc: NatsConnection, settings: EventStreamSettings): Promise<void> {
  const jsm = await nc.jetstreamManager();
  const config: Partial<StreamConfig> = {
    name: settings.name,
    subjects: [`${settings.subjectRoot}.evt.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(settings.maxAgeMs),
    duplicate_window: nanos(settings.duplicateWindowMs),
  };
  try {
    await jsm.streams.info(settings.name);
    await jsm.streams.update(settings.name, config);
  } catch (error) {
    if ((error as { code?: string }).code !== '404' && !/stream not found/i.test((error as Error).message)) throw error;
    await jsm.streams.add(config);
  }
}
