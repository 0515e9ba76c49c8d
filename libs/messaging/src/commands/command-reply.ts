import type { ErrorEnvelope } from '@clusterplane/contracts';

/** What travels back on a command's reply subject. */
export type CommandReplyEnvelope<T = unknown> = { ok: true; data: T } | { ok: false; error: ErrorEnvelope };
