import { isVersionBelow } from './agent-version';

export type DeleteMode = 'graceful' | 'forced';
export type RequestedDeleteMode = DeleteMode | 'auto';

/** Agents below this version cannot uninstall themselves, so their clusters are force-deleted. */
export const GRACEFUL_DELETE_MIN_AGENT_VERSION = '2.20';

/**
 * SPEC section 5: `auto` is forced for agents older than 2.20 and graceful otherwise; a
 * missing version counts as current.
 */
export function resolveDeleteMode(requested: RequestedDeleteMode, agentVersion: string | null): DeleteMode {
  if (requested !== 'auto') return requested;
  if (agentVersion && isVersionBelow(agentVersion, GRACEFUL_DELETE_MIN_AGENT_VERSION)) return 'forced';
  return 'graceful';
}
