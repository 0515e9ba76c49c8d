import { z } from 'zod';
import { clusterManifestSchema, INTEGRATION_PROVIDERS, tenantConfigKeySchema, type TenantConfigKind } from '@clusterplane/contracts';

/** Seed 000's CreateOrUpdateClusterRequest. */
export const applyClusterBody = z.object({
  manifest: clusterManifestSchema,
  dryRun: z.boolean().nullable().optional(),
});

export const listClustersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Ids are uuids; anything else names no cluster (404, not a validation error). */
export const clusterIdParams = z.object({ id: z.string().max(100) });

export interface TenantConfigCollection {
  kind: TenantConfigKind;
  /** The body field (and path parameter) that carries the key. */
  keyField: 'name' | 'fqn';
  body: z.ZodType<{ name?: string; fqn?: string; provider?: (typeof INTEGRATION_PROVIDERS)[number] }>;
}

/** The admin API's collections under /api/svc/v1 and what each one's records look like. */
export const TENANT_CONFIG_COLLECTIONS: Record<string, TenantConfigCollection> = {
  environments: { kind: 'environment', keyField: 'name', body: z.object({ name: tenantConfigKeySchema.environment }) },
  'container-registries': { kind: 'container-registry', keyField: 'fqn', body: z.object({ fqn: tenantConfigKeySchema.fqn }) },
  'cluster-integrations': { kind: 'cluster-integration', keyField: 'fqn', body: z.object({ fqn: tenantConfigKeySchema.fqn, provider: z.enum(INTEGRATION_PROVIDERS) }) },
};

export const tenantConfigParams = z.object({ collection: z.string(), key: z.string().min(1).max(253).optional() });
