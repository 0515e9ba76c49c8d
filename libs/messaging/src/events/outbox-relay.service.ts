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
/**
 * Passes follow each other at least this far apart while kicks keep coming: under load the
 * events of many commits share one pass (each pass costs four round trips), while a kick after
 * a quiet spell still starts a pass at once.
 */
const MIN_PASS_SPACING_MS = 20;
/** The idle poll of every service, several times a second: a named statement on Prisma's pool. */
const HAS_UNPUBLISHED = { name: 'outbox-has-unpublished', text: 'SELECT EXISTS (SELECT 1 FROM outbox_events WHERE published_at IS NULL) AS pending' };
/** One relay publishes at a time across all replicas and services, which keeps events in commit order. */
const RELAY_LOCK_KEY = 0x0c1a57e2;

interface PassOutcome {
  published: number;
  /** False when another relay held the lock. */
  locked: boolean;
}

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
  private scheduledAt = 0;
  private lastPassAt = 0;
  private running = false;
  /** A commit wrote events since the current pass read the outbox. */
  private kicked = false;
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
    this.kicked = true;
    if (this.running) return; // the pass in flight schedules the next one
    this.schedule(Math.max(0, this.lastPassAt + MIN_PASS_SPACING_MS - Date.now()));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** A sooner pass replaces a later one; a later one never postpones a sooner one. */
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    if (this.timer && this.scheduledAt <= at) return;
    clearTimeout(this.timer);
    this.scheduledAt = at;
    this.timer = setTimeout(() => void this.pass(), delayMs);
  }

  private async pass(): Promise<void> {
    this.timer = undefined;
    this.running = true;
    const kicked = this.kicked;
    this.kicked = false;
    let outcome: PassOutcome = { published: 0, locked: true };
    try {
      // A poll first asks whether there is anything to do, outside a transaction: one round trip when idle.
      if (this.nats.isConnected() && (kicked || (await this.hasUnpublished()))) outcome = await this.publishBatch();
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox relay pass failed; will retry');
    } finally {
      this.running = false;
      this.lastPassAt = Date.now();
    }
    // Another relay held the lock: it may have read the outbox before this service's commit.
    const again = outcome.published === BATCH_SIZE || this.kicked || (kicked && !outcome.locked);
    this.schedule(again ? MIN_PASS_SPACING_MS : POLL_INTERVAL_MS);
  }

  private async hasUnpublished(): Promise<boolean> {
    const { rows: [row] } = await this.prisma.pool.query<{ pending: boolean }>(HAS_UNPUBLISHED);
    return row?.pending ?? false;
  }

  /** Publishes the oldest unpublished events if this relay gets the lock. */
  async publishBatch(): Promise<PassOutcome> {
    return this.prisma.$transaction(async (tx) => {
      // The lock and the read in one round trip; the first row says whether the lock was taken.
      const rows = await tx.$queryRaw<(Partial<OutboxRow> & { locked: boolean })[]>`
        WITH relay AS (SELECT pg_try_advisory_xact_lock(${RELAY_LOCK_KEY}) AS locked)
        SELECT relay.locked, pending.* FROM relay LEFT JOIN LATERAL (
          SELECT id, type, subject, tenant_id, data, correlation_id, occurred_at
          FROM outbox_events WHERE relay.locked AND published_at IS NULL ORDER BY seq LIMIT ${BATCH_SIZE}) pending ON true`;
      if (!rows[0]?.locked) return { published: 0, locked: false };
      const events = rows.filter((row): row is OutboxRow & { locked: boolean } => row.id !== null && row.id !== undefined);
      if (events.length === 0) return { published: 0, locked: true };

      // Sent in order on one connection, so the stream stores them in outbox order.
      const results = await Promise.allSettled(events.map((row) => this.publish(row)));
      const publishedIds = events.filter((_, i) => results[i]?.status === 'fulfilled').map((r) => r.id);
      const failed = events.filter((_, i) => results[i]?.status === 'rejected');
      if (publishedIds.length > 0) {
        await tx.$executeRaw`UPDATE outbox_events SET published_at = now() WHERE id = ANY(${publishedIds}::uuid[])`;
      }
      for (const row of failed) {
        const reason = (results[events.indexOf(row)] as PromiseRejectedResult).reason as Error;
        await tx.$executeRaw`UPDATE outbox_events SET attempts = attempts + 1, last_error = ${reason.message} WHERE id = ${row.id}::uuid`;
      }
      this.metrics.outboxPublished.inc(publishedIds.length);
      return { published: publishedIds.length, locked: true };
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
