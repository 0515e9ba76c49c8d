import { z } from 'zod';

/**
 * Tenant-scoped records a TrueFoundry manifest refers to by name (SPEC section 3): environments
 * (`environment_names`), container registries (`default_registry_fqn`) and cluster integrations
 * (`cluster_integration_fqn`). Each is keyed by its name or FQN within the tenant.
 */
export const TENANT_CONFIG_KINDS = ['environment', 'container-registry', 'cluster-integration'] as const;
export type TenantConfigKind = (typeof TENANT_CONFIG_KINDS)[number];

/** SPEC section 3: the environments every tenant starts with. */
export const DEFAULT_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

/** The clouds an integration can belong to; a cluster type needs its own cloud's integration. */
export const INTEGRATION_PROVIDERS = ['aws', 'gcp', 'azure', 'civo'] as const;
export type IntegrationProvider = (typeof INTEGRATION_PROVIDERS)[number];

const ENVIRONMENT_NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
// FQNs like `acme:aws:prod-account:cluster-integration` or `acme:docker-registry:ecr`.
const FQN_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,252}$/;

export const tenantConfigKeySchema = {
  environment: z.string().regex(ENVIRONMENT_NAME_PATTERN, 'lower case letters, digits and -, at most 63 characters'),
  fqn: z.string().regex(FQN_PATTERN, 'letters, digits and . _ : -, at most 253 characters, starting with a letter or digit'),
};

export const tenantConfigItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('environment'), key: tenantConfigKeySchema.environment }),
  z.object({ kind: z.literal('container-registry'), key: tenantConfigKeySchema.fqn }),
  z.object({ kind: z.literal('cluster-integration'), key: tenantConfigKeySchema.fqn, provider: z.enum(INTEGRATION_PROVIDERS) }),
]);
export type TenantConfigItem = z.output<typeof tenantConfigItemSchema>;

export const tenantConfigRecordSchema = z.object({
  kind: z.enum(TENANT_CONFIG_KINDS),
  key: z.string(),
  /** Integrations only. */
  provider: z.enum(INTEGRATION_PROVIDERS).nullable(),
  createdAt: z.string(),
});
export type TenantConfigRecord = z.output<typeof tenantConfigRecordSchema>;
