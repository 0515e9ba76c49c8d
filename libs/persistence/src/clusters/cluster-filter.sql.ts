import type { ClusterFilterField, ClusterFilterOperator, ClusterFilterTerm } from '@clusterplane/domain';
import { Prisma } from '../generated/prisma/client';

/** When a cluster counts as Disconnected at read time (SPEC section 6). */
export interface LivenessClock {
  now: Date;
  livenessTimeoutMs: number;
}

// Operators and column expressions are fixed SQL; every value from the request is a parameter.
const OPERATOR_SQL: Record<ClusterFilterOperator, Prisma.Sql> = {
  '==': Prisma.raw('='),
  // Null-safe, so `domain!=x` also finds clusters without a domain.
  '!=': Prisma.raw('IS DISTINCT FROM'),
  '<=': Prisma.raw('<='),
  '>=': Prisma.raw('>='),
};

// Byte order ("C") makes <= and >= on text independent of the database's locale.
const TEXT_COLUMN_SQL: Record<Exclude<ClusterFilterField, 'state' | 'createdAt'>, Prisma.Sql> = {
  name: Prisma.raw('name COLLATE "C"'),
  uuid: Prisma.raw('id::text COLLATE "C"'),
  domain: Prisma.raw('domain COLLATE "C"'),
  version: Prisma.raw('agent_version COLLATE "C"'),
};

/**
 * Equality is the same in every deterministic collation, so == and != compare in the column's
 * own: that lets `name==` use the `(tenant_id, name)` index, which a "C" comparison cannot.
 */
const EQUALITY_COLUMN_SQL: Record<Exclude<ClusterFilterField, 'state' | 'createdAt' | 'uuid'>, Prisma.Sql> = {
  name: Prisma.raw('name'),
  domain: Prisma.raw('domain'),
  version: Prisma.raw('agent_version'),
};

const isEquality = (term: ClusterFilterTerm): boolean => term.operator === '==' || term.operator === '!=';

/**
 * What counts as an agent version (`v2.20.1-rc.1` → 2.20.1). A plain match without captures:
 * Postgres answers it several times faster than a substring with capture groups.
 */
const VERSION_PATTERN = '^v?[0-9]{1,4}\\.[0-9]{1,4}(\\.[0-9]{1,6})?([-+].*)?$';

/**
 * [major, minor, patch] of agent_version, or NULL when it is not a version: the numbers are
 * what is left once the `v` and any `-…`/`+…` suffix are cut off (the pattern guarantees it).
 */
const versionPartsSql = (): Prisma.Sql => Prisma.sql`(CASE WHEN agent_version ~ ${VERSION_PATTERN}::text
  THEN (string_to_array(split_part(split_part(ltrim(agent_version, 'v'), '-', 1), '+', 1), '.')::int[] || ARRAY[0, 0, 0])[1:3] END)`;

/**
 * The state the Run:ai presenter derives: never reported → WaitingToConnect, stale liveness →
 * Disconnected, otherwise the state the status service derived from the last report.
 */
export const derivedStateSql = (clock: LivenessClock): Prisma.Sql => {
  const cutoff = new Date(clock.now.getTime() - clock.livenessTimeoutMs);
  return Prisma.sql`(CASE WHEN last_liveness IS NULL THEN 'WaitingToConnect'
    WHEN last_liveness < ${cutoff}::timestamptz THEN 'Disconnected' ELSE state END)`;
};

function termSql(term: ClusterFilterTerm, clock: LivenessClock): Prisma.Sql {
  const op = OPERATOR_SQL[term.operator];
  switch (term.field) {
    case 'createdAt':
      return Prisma.sql`created_at ${op} ${term.value}::timestamptz`;
    case 'state':
      return Prisma.sql`${derivedStateSql(clock)} COLLATE "C" ${op} ${term.value}::text`;
    case 'version':
      if ('parts' in term) return Prisma.sql`${versionPartsSql()} ${op} ARRAY[${term.parts[0]}::int, ${term.parts[1]}::int, ${term.parts[2]}::int]`;
      return Prisma.sql`${(isEquality(term) ? EQUALITY_COLUMN_SQL : TEXT_COLUMN_SQL).version} ${op} ${term.value}::text`;
    case 'uuid':
      // == and != only take a whole UUID (the parser checks), so the primary key can answer.
      if (isEquality(term)) return Prisma.sql`id ${op} ${term.value}::uuid`;
      return Prisma.sql`${TEXT_COLUMN_SQL.uuid} ${op} ${term.value}::text`;
    default:
      return Prisma.sql`${(isEquality(term) ? EQUALITY_COLUMN_SQL : TEXT_COLUMN_SQL)[term.field]} ${op} ${term.value}::text`;
  }
}

/** The terms ANDed together as a parameterized SQL condition (TRUE when there are none). */
export function clusterFilterSql(terms: readonly ClusterFilterTerm[], clock: LivenessClock): Prisma.Sql {
  if (terms.length === 0) return Prisma.sql`TRUE`;
  return Prisma.join(terms.map((term) => Prisma.sql`(${termSql(term, clock)})`), ' AND ');
}
