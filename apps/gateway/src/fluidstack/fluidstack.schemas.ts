import { z } from 'zod';
import { clusterNameProblem, filesystemSizeProblem, parseInstanceType, tagProblems, userDataProblem } from '@clusterplane/domain';

/** Says "is required" for a missing value and leaves every other message as it is. */
export const required = { error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : undefined) };

export const uuid = z.string().uuid('must be a UUID').meta({ format: 'uuid' });

/** Adds the domain rule's problem (a string, or null when fine) as a validation issue. */
export const byRule =
  (problem: (value: string) => string | null) =>
  (value: string, ctx: z.RefinementCtx): void => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  };

/** Names of projects, instances, filesystems and clusters: printable, trimmed, at most 253. */
export const resourceName = z
  .string(required)
  .max(253)
  .superRefine(byRule(clusterNameProblem))
  .meta({ description: 'Printable, without leading or trailing white space, 1-253 characters.', example: 'cluster-01' });

/** Pool names become node names and label values: a DNS label. */
export const poolName = z
  .string(required)
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a DNS label: lower-case letters, digits and -, at most 63 characters');

export const instanceType = z
  .string(required)
  .max(32)
  .refine((value) => parseInstanceType(value) !== null, 'is not a known instance type (e.g. h100.8x, a100.4x, cpu.4x)')
  .meta({ description: 'An instance type such as h100.8x, a100.4x or cpu.4x.', example: 'h100.8x' });

export const nodeCount = z.number(required).int('must be a whole number').min(0, 'must be at least 0').max(1000, 'must be at most 1000');

/** Tags (SPEC section 2); each problem is reported under `tags.<key>`. */
export const tagsField = z
  .record(z.string(), z.string())
  .meta({ description: 'At most 64; keys 1-63 characters, letters or digits at both ends and -, _ or . inside; values at most 63 characters.', example: { team: 'ml-ops' } })
  .default({})
  .superRefine((tags, ctx) => {
    for (const problem of tagProblems(tags)) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.key === null ? [] : [problem.key] });
  });

export const createProjectBody = z.object({ name: resourceName, tags: tagsField });

const IMAGE = /^(image:\/\/)?[a-z0-9][a-z0-9._-]{0,127}$/;

export const createInstanceBody = z.object({
  name: resourceName,
  type: instanceType,
  image: z.string().regex(IMAGE, 'must be an image name such as image://ubuntu22.04').default('image://ubuntu22.04').transform((image) => (image.startsWith('image://') ? image : `image://${image}`)),
  preemptible: z.boolean().default(false),
  ephemeral: z.boolean().default(false),
  userData: z
    .string()
    .max(96 * 1024)
    .superRefine(byRule(userDataProblem))
    .meta({ format: 'byte', description: 'Base64 cloud-init user data (line breaks allowed), at most 64 KiB decoded.', example: 'I2Nsb3VkLWNvbmZpZwo=' })
    .nullable()
    .default(null),
  filesystems: z.array(uuid).max(64).default([]).refine((ids) => new Set(ids).size === ids.length, 'must not name a filesystem twice'),
  tags: tagsField,
});

export const createFilesystemBody = z.object({
  name: resourceName,
  size: z.string(required).max(16).superRefine(byRule(filesystemSizeProblem)).meta({ description: 'Whole Gi or Ti, 1Gi to 1024Ti.', example: '512Gi' }),
});

export const idParams = z.object({ id: uuid });
export const clusterParams = z.object({ clusterId: uuid });
export const nodePoolParams = z.object({ clusterId: uuid, nodePoolId: uuid });
