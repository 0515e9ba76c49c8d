import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { headers, type JetStreamClient } from 'nats';
import type { Logger } from 'pino';
import { eventSubject, type EventType } from '@clusterplane/contracts';
import { APP_CONFIG, type BaseConfig, CORRELATION_HEADER, LOGGER, MetricsRegistry } from '@clusterplane/platform';
import { PrismaService, toEventEnvelope, type StoredOutboxEvent } from '@clusterplane/persistence';
import { NatsConnectionService } from '../nats/nats-connection.service';
import { encodeJson } from '../commands/json-codec';
import { ensureEventStream } from './event-stream';

const BATCH_SIZE = 200;
const POLL_INTERVAL_MS = 250;
/** One relay publishes at a time across all replicas and services, which keeps events in commit order. */
const RELAY_LOCK_KEY = 0x0c1a57e2;

interface OutboxRow {
  id: string;
  type: string;
  subject: string;
  tenant_id: number;
  data: unknown;
  correlation_id: string | null;
  occurred_at: Date;
}

/**
 * Publishes committed outbox rows to JetStream with Nats-Msg-Id = row id, then marks them.
 * A row whose publish failed stays unpublished and is retried on the next pass, so an event is
 * delivered at least once by the relay and exactly once to subscribers (the stream de-duplicates).
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running = false;
  private rerun = false;
  private stopped = false;
  private js?: JetStreamClient;

  constructor(
    private readonly prisma: PrismaService,
    private readonly nats: NatsConnectionService,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: MetricsRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureEventStream(this.nats.connection, {
      name: this.config.eventStream,
      subjectRoot: this.config.subjectRoot,
      maxAgeMs: this.config.eventRetentionMs,
      duplicateWindowMs: this.config.eventDuplicateWindowMs,
    });
    this.js = this.nats.connection.jetstream();
    this.schedule(0);
  }

  /** Called after a local commit that wrote outbox rows, so events leave without waiting for a poll. */
  kick(): void {
    if (this.running) this.rerun = true;
    else this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pass(), delayMs);
  }

  private async pass(): Promise<void> {
    this.running = true;
    let published = 0;
    try {
      published = this.nats.isConnected() ? await this.publishBatch() : 0;
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox relay pass failed; will retry');
    } finally {
      this.running = false;
    }
    const more = published === BATCH_SIZE || this.rerun;
    this.rerun = false;
    this.schedule(more ? 0 : POLL_INTERVAL_MS);
  }

  /** Returns how many events were published in this pass. */
  async publishBatch(): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${RELAY_LOCK_KEY}) AS locked`;
      if (!lock?.locked) return 0;
      const rows = await tx.$queryRaw<OutboxRow[]>`
        SELECT id, type, subject, tenant_id, data, correlation_id, occurred_at
        FROM outbox_events WHERE published_at IS NULL ORDER BY seq LIMIT ${BATCH_SIZE}`;
      if (rows.length === 0) return 0;

      // Sent in order on one connection, so the stream stores them in outbox order.
      const results = await Promise.allSettled(rows.map((row) => this.publish(row)));
      const publishedIds = rows.filter((_, i) => results[i]?.status === 'fulfilled').map((r) => r.id);
      const failed = rows.filter((_, i) => results[i]?.status === 'rejected');
      if (publishedIds.length > 0) {
        await tx.$executeRaw`UPDATE outbox_events SET published_at = now() WHERE id = ANY(${publishedIds}::uuid[])`;
      }
      for (const row of failed) {
        const reason = (results[rows.indexOf(row)] as PromiseRejectedResult).reason as Error;
        await tx.$executeRaw`UPDATE outbox_events SET attempts = attempts + 1, last_error = ${reason.message} WHERE id = ${row.id}::uuid`;
      }
      this.metrics.outboxPublished.inc(publishedIds.length);
      return publishedIds.length;
    });
  }

  private async publish(row: OutboxRow): Promise<void> {
    const stored: StoredOutboxEvent = {
      id: row.id,
      type: row.type,
      subject: row.subject,
      tenantId: row.tenant_id,
      data: row.data,
      correlationId: row.correlation_id,
      occurredAt: row.occurred_at,
    };
    const h = headers();
    if (row.correlation_id) h.set(CORRELATION_HEADER, row.correlation_id);
    await this.js!.publish(eventSubject(this.config.subjectRoot, row.type as EventType), encodeJson(toEventEnvelope(stored)), {
      msgID: row.id,
      headers: h,
    });
  }
}
