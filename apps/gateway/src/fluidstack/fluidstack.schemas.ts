import { z } from 'zod';
import { clusterNameProblem, parseInstanceType, tagProblems } from '@clusterplane/domain';

/** Says "is required" for a missing value and leaves every other message as it is. */
export const required = { error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : undefined) };

export const uuid = z.string().uuid('must be a UUID');

/** Adds the domain rule's problem (a string, or null when fine) as a validation issue. */
export const byRule =
  (problem: (value: string) => string | null) =>
  (value: string, ctx: z.RefinementCtx): void => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  };

/** Names of projects, instances, filesystems and clusters: printable, trimmed, at most 253. */
export const resourceName = z.string(required).max(253).superRefine(byRule(clusterNameProblem));

/** Pool names become node names and label values: a DNS label. */
export const poolName = z
  .string(required)
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a DNS label: lower-case letters, digits and -, at most 63 characters');

export const instanceType = z.string(required).max(32).refine((value) => parseInstanceType(value) !== null, 'is not a known instance type (e.g. h100.8x, a100.4x, cpu.4x)');

export const nodeCount = z.number(required).int('must be a whole number').min(0, 'must be at least 0').max(1000, 'must be at most 1000');

/** Tags (SPEC section 2); each problem is reported under `tags.<key>`. */
export const tagsField = z
  .record(z.string(), z.string())
  .default({})
  .superRefine((tags, ctx) => {
    for (const problem of tagProblems(tags)) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.key === null ? [] : [problem.key] });
  });

export const idParams = z.object({ id: uuid });
export const clusterParams = z.object({ clusterId: uuid });
export const nodePoolParams = z.object({ clusterId: uuid, nodePoolId: uuid });
