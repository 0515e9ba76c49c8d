/**
 * Prisma's codes for a database too busy to serve the call in time: no pool connection came
 * free (P2024), or an interactive transaction could not start or ran out of time (P2028). Such
 * a failure is the load's, not the request's: callers answer "unavailable, retry".
 */
const BUSY_CODES = new Set(['P2024', 'P2028']);

export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && BUSY_CODES.has(code);
}
