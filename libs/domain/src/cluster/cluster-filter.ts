import { RUNAI_CLUSTER_STATES } from '@clusterplane/contracts';
import { parseAgentVersion } from './agent-version';

/** Fields Run:ai's `filterBy` accepts on clusters (seed 002). */
export const CLUSTER_FILTER_FIELDS = ['name', 'uuid', 'version', 'domain', 'state', 'createdAt'] as const;
export type ClusterFilterField = (typeof CLUSTER_FILTER_FIELDS)[number];

export const CLUSTER_FILTER_OPERATORS = ['==', '!=', '<=', '>='] as const;
export type ClusterFilterOperator = (typeof CLUSTER_FILTER_OPERATORS)[number];

export const MAX_CLUSTER_FILTER_TERMS = 10;

type TextField = Exclude<ClusterFilterField, 'version' | 'createdAt'>;

/**
 * One parsed term. Text fields compare as written (uuids lower-cased); `version` compares
 * numerically with `<=`/`>=` (`2.9 < 2.20`) and as written with `==`/`!=`; `createdAt` compares
 * instants.
 */
export type ClusterFilterTerm =
  | { field: TextField; operator: ClusterFilterOperator; value: string }
  | { field: 'version'; operator: '==' | '!='; value: string }
  | { field: 'version'; operator: '<=' | '>='; value: string; parts: [number, number, number] }
  | { field: 'createdAt'; operator: ClusterFilterOperator; value: Date };

export interface ClusterFilterProblem {
  term: string;
  message: string;
}

export type ParsedClusterFilter = { terms: ClusterFilterTerm[] } | { problem: ClusterFilterProblem };

const TERM_PATTERN = /^([A-Za-z]+)(==|!=|<=|>=)([\s\S]*)$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// ISO 8601: a calendar date (UTC midnight), or a date-time that names its offset, so a
// filter never depends on the server's time zone.
const ISO_INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/;
// A comma starts a new term only where a known field and an operator follow, so a comma
// inside a name stays part of the value.
const TERM_SEPARATOR = new RegExp(`,(?=(?:${CLUSTER_FILTER_FIELDS.join('|')})(?:==|!=|<=|>=))`);

const isField = (name: string): name is ClusterFilterField => (CLUSTER_FILTER_FIELDS as readonly string[]).includes(name);

/**
 * `filterBy` may be repeated (`filterBy=a&filterBy=b`) or comma-joined (`filterBy=a,b`);
 * both give the same list of terms. An empty parameter (`filterBy=`) filters nothing.
 */
export function splitFilterParameter(raw: string | readonly string[] | undefined): string[] {
  if (raw === undefined) return [];
  return (typeof raw === 'string' ? [raw] : raw).filter((value) => value !== '').flatMap((value) => value.split(TERM_SEPARATOR));
}

/** Parses `field<op>value` terms; the first bad term is named with the reason. */
export function parseClusterFilter(raw: readonly string[]): ParsedClusterFilter {
  if (raw.length > MAX_CLUSTER_FILTER_TERMS) {
    return { problem: { term: raw.join(','), message: `at most ${MAX_CLUSTER_FILTER_TERMS} filterBy terms are allowed, got ${raw.length}` } };
  }
  const terms: ClusterFilterTerm[] = [];
  for (const text of raw) {
    const parsed = parseTerm(text);
    if ('message' in parsed) return { problem: { term: text, message: parsed.message } };
    terms.push(parsed);
  }
  return { terms };
}

function parseTerm(text: string): ClusterFilterTerm | { message: string } {
  const match = TERM_PATTERN.exec(text);
  if (!match) return { message: 'expected field==value, field!=value, field<=value or field>=value' };
  const [, field, operator, value] = match as unknown as [string, string, ClusterFilterOperator, string];
  if (!isField(field)) return { message: `unknown field '${field}'; filter by ${CLUSTER_FILTER_FIELDS.join(', ')}` };
  if (value.length === 0) return { message: 'value must not be empty' };

  switch (field) {
    case 'createdAt': {
      const instant = ISO_INSTANT_PATTERN.test(value) ? new Date(value) : null;
      if (!instant || Number.isNaN(instant.getTime())) return { message: 'createdAt must be an ISO 8601 date or date-time with an offset, e.g. 2025-03-01T12:00:00Z' };
      return { field, operator, value: instant };
    }
    case 'version': {
      if (operator === '==' || operator === '!=') return { field, operator, value };
      const version = parseAgentVersion(value);
      if (!version) return { message: `version must look like 2.20 or 2.20.1 to compare with ${operator}` };
      return { field, operator, value, parts: [version.major, version.minor, version.patch] };
    }
    case 'uuid': {
      const lower = value.toLowerCase();
      if ((operator === '==' || operator === '!=') && !UUID_PATTERN.test(lower)) return { message: 'uuid must be a UUID' };
      return { field, operator, value: lower };
    }
    case 'state':
      if ((operator === '==' || operator === '!=') && !(RUNAI_CLUSTER_STATES as readonly string[]).includes(value)) {
        return { message: `state must be one of ${RUNAI_CLUSTER_STATES.join(', ')}` };
      }
      return { field, operator, value };
    default:
      return { field, operator, value };
  }
}
