/**
 * Whether two JSON values mean the same: object keys in any order (Postgres `jsonb` gives them
 * back in its own order, not the order written), array items in order, an absent or undefined
 * value the same as null at the top and absent inside objects, as JSON.stringify writes them.
 *
 * Walks both values once and stops at the first difference: the status service compares every
 * heartbeat's status with the stored one, and this costs a fraction of serializing either.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  return sameValue(a ?? null, b ?? null);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (hasToJson(a) || hasToJson(b)) return sameValue(jsonOf(a), jsonOf(b));
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && sameItems(a, b);
  return !Array.isArray(b) && sameMembers(a as Record<string, unknown>, b as Record<string, unknown>);
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i] ?? null, b[i] ?? null)) return false;
  return true;
}

function sameMembers(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let members = 0;
  for (const key in a) {
    const value = a[key];
    if (value === undefined) continue;
    members++;
    const other = b[key];
    if (other === undefined || !Object.hasOwn(b, key) || !sameValue(value, other)) return false;
  }
  for (const key in b) if (b[key] !== undefined) members--;
  return members === 0;
}

/** Dates and other values JSON.stringify writes through their toJSON. */
const hasToJson = (value: unknown): value is { toJSON(): unknown } =>
  typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
const jsonOf = (value: unknown): unknown => (hasToJson(value) ? value.toJSON() : value);
