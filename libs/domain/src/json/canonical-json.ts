/**
 * JSON with object keys sorted at every level, so two values that mean the same compare
 * equal as strings (Postgres `jsonb` gives keys back in its own order, not the order written).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
