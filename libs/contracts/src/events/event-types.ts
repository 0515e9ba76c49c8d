/** Lifecycle events published to JetStream as `<root>.evt.<type>` (SPEC section 7). */
export const EVENT_TYPES = [
  'cluster.created',
  'cluster.ready',
  'cluster.failed',
  'cluster.updated',
  'cluster.status-changed',
  'cluster.delete-requested',
  'cluster.deleted',
  'nodepool.created',
  'nodepool.ready',
  'nodepool.failed',
  'nodepool.updated',
  'nodepool.deleted',
  'nodepool.delete-requested',
  'instance.created',
  'instance.ready',
  'instance.failed',
  'instance.status-changed',
  'instance.delete-requested',
  'instance.deleted',
  'filesystem.created',
  'filesystem.ready',
  'filesystem.failed',
  'filesystem.delete-requested',
  'filesystem.deleted',
  'project.created',
  'project.deleted',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export const EVENT_ENVELOPE_VERSION = 1;

export interface EventEnvelope<T = Record<string, unknown>> {
  id: string;
  type: EventType;
  version: number;
  occurredAt: string;
  tenantId: number;
  /** The resource the event is about, e.g. `cluster/<uuid>`. */
  subject: string;
  correlationId?: string;
  data: T;
}

export function eventSubject(root: string, type: EventType): string {
  return `${root}.evt.${type}`;
}
