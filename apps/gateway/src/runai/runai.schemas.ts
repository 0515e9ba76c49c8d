import { z } from 'zod';

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
