import { z } from 'zod';
import { parseClusterFilter, RUNAI_CLUSTER_METRIC_TYPES, splitFilterParameter, type ClusterFilterTerm } from '@clusterplane/domain';

export const clusterUuidParams = z.object({ clusterUuid: z.string().uuid('must be a UUID') });

const booleanFlag = z.enum(['true', 'false']).transform((v) => v === 'true');
const verbosity = z.enum(['metadata', 'full']).default('full');

export const listClustersQuery = z.object({
  verbosity,
  includeRequestedForDelete: booleanFlag.default(false),
});

export const getClusterQuery = z.object({ verbosity });

export const deleteClusterQuery = z.object({ force: booleanFlag.default(false) });

/** Seed 002: name ≤ 253, domain ≤ 253, version ≤ 50. Unknown fields are dropped here. */
export const createClusterBody = z.object({
  name: z.string().min(1).max(253),
  domain: z.string().min(1).max(253).optional(),
  version: z.string().min(1).max(50).optional(),
});

export const installInfoQuery = z.object({
  version: z.string({ error: 'is required' }).min(1, 'is required').max(50),
  remoteClusterUrl: z.string().url('must be a URL').max(2048).optional(),
});

/** Says "is required" for a missing value and leaves every other message as it is. */
const required = { error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : undefined) };

/** Seed 002: `name` required, at most 253 characters; the rest of the rules are the domain's. */
export const renameClusterBody = z.object({
  name: z.string(required).max(253),
});

/** A whole number from the query string, strictly: no signs, exponents or blanks. */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const INT32_MAX = 2_147_483_647;

/** `filterBy` repeated or comma-joined; a bad term is a 400 naming the term and why. */
const filterBy = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((raw, ctx): ClusterFilterTerm[] => {
    const parsed = parseClusterFilter(splitFilterParameter(raw));
    if ('terms' in parsed) return parsed.terms;
    ctx.addIssue({ code: 'custom', message: `'${parsed.problem.term}': ${parsed.problem.message}` });
    return z.NEVER;
  });

export const listMinimalQuery = z.object({
  filterBy,
  offset: wholeNumber(0, INT32_MAX).default(0),
  limit: wholeNumber(1, 500).default(50),
});

const isoInstant = z.string(required).datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2025-03-01T12:00:00Z' });

/** `metricType` repeated or comma-separated (Run:ai declares it with explode: false). */
const metricTypes = z
  .union([z.string(), z.array(z.string())], required)
  .transform((raw) => [...new Set((typeof raw === 'string' ? [raw] : raw).flatMap((v) => v.split(',')).map((v) => v.trim()))])
  .pipe(z.array(z.enum(RUNAI_CLUSTER_METRIC_TYPES, { error: `must be one of ${RUNAI_CLUSTER_METRIC_TYPES.join(', ')}` })).min(1, 'is required'));

/** Seed 002 (Category, Project and Department need samples that carry them; ours carry node pools). */
const GROUP_BY_VALUES = ['Category', 'Nodepool', 'Project', 'Department'] as const;

export const clusterMetricsQuery = z
  .object({
    start: isoInstant,
    end: isoInstant,
    metricType: metricTypes,
    numberOfSamples: wholeNumber(0, 1000).default(20),
    groupBy: z.enum(GROUP_BY_VALUES, { error: `must be one of ${GROUP_BY_VALUES.join(', ')}` }).optional(),
    nodepoolName: z.string().min(1).max(253).optional(),
  })
  .superRefine((query, ctx) => {
    if (Date.parse(query.start) >= Date.parse(query.end)) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be after start' });
    if (query.groupBy && query.groupBy !== 'Nodepool') {
      ctx.addIssue({ code: 'custom', path: ['groupBy'], message: `${query.groupBy} is not available for cluster metrics: samples are labelled by node pool only` });
    }
  });
