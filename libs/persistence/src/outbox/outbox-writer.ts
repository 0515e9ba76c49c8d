import { randomUUID } from 'node:crypto';
import { EVENT_ENVELOPE_VERSION, type EventEnvelope, type EventType } from '@clusterplane/contracts';
import { currentCorrelationId } from '@clusterplane/platform';
import { Prisma } from '../generated/prisma/client';
import type { TransactionClient } from '../prisma.service';

export interface OutboxEventInput {
  type: EventType;
  tenantId: number;
  resourceType: 'cluster' | 'nodepool' | 'instance' | 'filesystem' | 'project';
  resourceId: string;
  data: Record<string, unknown>;
}

/**
 * Appends an event to the outbox inside the caller's transaction, so the event exists if and
 * only if the change it announces was committed. The relay publishes it later.
 */
export async function appendOutboxEvent(tx: TransactionClient, event: OutboxEventInput): Promise<string> {
  const row = toOutboxRow(event, currentCorrelationId());
  await tx.$executeRaw(insertOutboxRow(row));
  return row.id;
}

/** Many events in one INSERT inside a Prisma transaction, in the order given: insertOutboxEventsQuery's statement. */
export async function appendOutboxEvents(tx: TransactionClient, events: readonly OutboxEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const { text, values } = insertOutboxEventsQuery(events);
  await tx.$executeRawUnsafe(text, ...values);
}

/**
 * Many events as one INSERT, in the order given, for a plain `pg` query: the rows travel as one
 * JSON parameter that Postgres unpacks, so the statement text (and its prepared plan) is the
 * same for any count.
 */
export function insertOutboxEventsQuery(events: readonly OutboxEventInput[]): { name: string; text: string; values: [string] } {
  const correlationId = currentCorrelationId();
  return {
    name: 'insert-outbox-events',
    text: `INSERT INTO outbox_events (id, type, subject, tenant_id, resource_id, data, correlation_id)
           SELECT id, type, subject, tenant_id, resource_id, data, correlation_id
           FROM ROWS FROM (jsonb_to_recordset($1::jsonb)
             AS (id uuid, type text, subject text, "tenantId" int, "resourceId" text, data jsonb, "correlationId" text))
             WITH ORDINALITY AS e(id, type, subject, tenant_id, resource_id, data, correlation_id, n)
           ORDER BY n`,
    values: [JSON.stringify(events.map((event) => toOutboxRow(event, correlationId)))],
  };
}

interface OutboxRow {
  id: string;
  type: string;
  subject: string;
  tenantId: number;
  resourceId: string;
  data: object;
  correlationId: string | undefined;
}

/**
 * The INSERT of one outbox row (plain SQL: a model create costs several times its round trip).
 * With `from`, the row is inserted once per row of that relation, e.g. only if a guarded
 * change in the same statement returned a row.
 */
export function insertOutboxEvent(event: OutboxEventInput, from?: Prisma.Sql): Prisma.Sql {
  return insertOutboxRow(toOutboxRow(event, currentCorrelationId()), from);
}

function insertOutboxRow(row: OutboxRow, from?: Prisma.Sql): Prisma.Sql {
  const values = Prisma.sql`${row.id}::uuid, ${row.type}, ${row.subject}, ${row.tenantId}::int, ${row.resourceId}, ${JSON.stringify(row.data)}::jsonb, ${row.correlationId ?? null}`;
  return Prisma.sql`INSERT INTO outbox_events (id, type, subject, tenant_id, resource_id, data, correlation_id)
    ${from ? Prisma.sql`SELECT ${values} FROM ${from}` : Prisma.sql`VALUES (${values})`}`;
}

function toOutboxRow(event: OutboxEventInput, correlationId: string | undefined): OutboxRow {
  return {
    id: randomUUID(),
    type: event.type,
    subject: `${event.resourceType}/${event.resourceId}`,
    tenantId: event.tenantId,
    resourceId: event.resourceId,
    data: event.data as object,
    correlationId,
  };
}

export interface StoredOutboxEvent {
  id: string;
  type: string;
  subject: string;
  tenantId: number;
  data: unknown;
  correlationId: string | null;
  occurredAt: Date;
}

export function toEventEnvelope(row: StoredOutboxEvent): EventEnvelope {
  return {
    id: row.id,
    type: row.type as EventType,
    version: EVENT_ENVELOPE_VERSION,
    occurredAt: row.occurredAt.toISOString(),
    tenantId: row.tenantId,
    subject: row.subject,
    ...(row.correlationId ? { correlationId: row.correlationId } : {}),
    data: row.data as Record<string, unknown>,
  };
}
