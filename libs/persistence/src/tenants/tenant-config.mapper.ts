import type { IntegrationProvider, TenantConfigKind, TenantConfigRecord } from '@clusterplane/contracts';

export function toTenantConfigRecord(kind: TenantConfigKind, key: string, row: { createdAt: Date; provider?: string }): TenantConfigRecord {
  return { kind, key, provider: (row.provider as IntegrationProvider | undefined) ?? null, createdAt: row.createdAt.toISOString() };
}
