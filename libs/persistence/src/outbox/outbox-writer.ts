import { randomUUID } from 'node:crypto';
import { EVENT_ENVELOPE_VERSION, type EventEnvelope, type EventType } from '@clusterplane/contracts';
import { currentCorrelationId } from '@clusterplane/platform';
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
  const id = randomUUID();
  const correlationId = currentCorrelationId();
  await tx.outboxEvent.create({
    data: {
      id,
      type: event.type,
      subject: `${event.resourceType}/${event.resourceId}`,
      tenantId: event.tenantId,
      resourceId: event.resourceId,
      data: event.data as object,
      correlationId,
    },
  });
  return id;
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
