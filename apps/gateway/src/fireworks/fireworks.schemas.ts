import { z } from 'zod';

// Seed 003 and AWS' own naming rules.
const CLUSTER_ID_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;
const AWS_ACCOUNT_ID_PATTERN = /^\d{12}$/;
const ROLE_ARN_PATTERN = /^arn:aws:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const AWS_REGION_PATTERN = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const EKS_CLUSTER_NAME_PATTERN = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const S3_BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const roleArn = () => z.string().max(2048).regex(ROLE_ARN_PATTERN, 'must be an IAM role ARN: arn:aws:iam::<12-digit account>:role/<name>');

export const eksClusterSchema = z.object({
  awsAccountId: z.string().regex(AWS_ACCOUNT_ID_PATTERN, 'must be a 12-digit AWS account id'),
  fireworksManagerRole: roleArn(),
  region: z.string().regex(AWS_REGION_PATTERN, 'must be an AWS region such as us-east-1'),
  clusterName: z.string().regex(EKS_CLUSTER_NAME_PATTERN, 'must be an EKS cluster name: 1 to 100 letters, digits, - and _, starting with a letter or digit'),
  storageBucketName: z.string().regex(S3_BUCKET_PATTERN, 'must be an S3 bucket name').optional(),
  metricWriterRole: roleArn().optional(),
  loadBalancerControllerRole: roleArn().optional(),
  workloadIdentityPoolProviderId: z.string().min(1).max(255).optional(),
  inferenceRole: roleArn().optional(),
});

const fakeField = () => z.string().min(1).max(128).optional();
export const fakeClusterSchema = z.object({ projectId: fakeField(), location: fakeField(), clusterName: fakeField() });

const displayName = z.string().max(63, 'must be fewer than 64 characters');

const oneProviderBlock = (cluster: { eksCluster?: unknown; fakeCluster?: unknown }) => (cluster.eksCluster === undefined) !== (cluster.fakeCluster === undefined);

export const createClusterBody = z.object({
  clusterId: z.string({ error: 'is required' }).regex(CLUSTER_ID_PATTERN, 'must match ^[a-z][a-z0-9-]{0,62}$'),
  cluster: z
    .object({ displayName: displayName.optional(), eksCluster: eksClusterSchema.optional(), fakeCluster: fakeClusterSchema.optional() })
    .refine(oneProviderBlock, 'exactly one of eksCluster or fakeCluster is required'),
});

/** The body of a PATCH is the Cluster itself; server-owned fields (name, state, …) are dropped. */
export const updateClusterBody = z
  .object({ displayName: displayName.nullable().optional(), eksCluster: eksClusterSchema.optional(), fakeCluster: fakeClusterSchema.optional() })
  .refine((c) => c.eksCluster === undefined || c.fakeCluster === undefined, 'at most one of eksCluster or fakeCluster may be given');

const UPDATE_MASK_FIELDS = { display_name: 'displayName', displayName: 'displayName', eks_cluster: 'eksCluster', eksCluster: 'eksCluster', fake_cluster: 'fakeCluster', fakeCluster: 'fakeCluster' } as const;
export type UpdatableField = (typeof UPDATE_MASK_FIELDS)[keyof typeof UPDATE_MASK_FIELDS];

export const updateClusterQuery = z.object({
  /** AIP-134: the fields to change, comma-separated; without it, every field the body carries. */
  updateMask: z
    .string()
    .max(200)
    .transform((mask, context) => {
      const fields = mask.split(',').map((f) => f.trim()).filter(Boolean);
      const unknown = fields.filter((f) => !Object.hasOwn(UPDATE_MASK_FIELDS, f));
      if (unknown.length > 0) context.addIssue({ code: 'custom', message: `cannot update ${unknown.join(', ')}; updatable: display_name, eks_cluster, fake_cluster` });
      return fields.map((f) => UPDATE_MASK_FIELDS[f as keyof typeof UPDATE_MASK_FIELDS]);
    })
    .optional(),
});

export const accountParams = z.object({ accountId: z.string().min(1).max(63) });
/** Any live cluster can be addressed, including one named through another dialect. */
export const clusterParams = accountParams.extend({ clusterId: z.string().min(1).max(300) });

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export const listClustersQuery = z.object({
  // AIP-158: 0 or absent means the default; more than the maximum is reduced to it.
  pageSize: z.coerce
    .number()
    .int()
    .min(0, 'must not be negative')
    .optional()
    .transform((size) => (size ? Math.min(size, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE)),
  pageToken: z.string().max(2048).optional(),
  filter: z.string().max(1024).optional(),
  orderBy: z.string().max(200).optional(),
});
