/**
 * Whether `error` is a unique violation: Prisma's model calls report P2002; raw queries through
 * the driver adapter report P2010 with Postgres' own code underneath; plain `pg` queries (and
 * partial indexes) surface Postgres' 23505.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } } | null;
  return e?.code === 'P2002' || e?.code === '23505' || e?.meta?.driverAdapterError?.cause?.originalCode === '23505';
}
