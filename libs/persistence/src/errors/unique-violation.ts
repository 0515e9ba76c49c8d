/** Prisma reports unique violations as P2002; raw queries (and partial indexes) surface Postgres' 23505. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === 'P2002' || code === '23505';
}
