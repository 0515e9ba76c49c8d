import { AppError, type ClusterManifest } from '@clusterplane/contracts';
import { integrationProviderFor } from '@clusterplane/domain';
import type { TransactionClient } from '@clusterplane/persistence';

/**
 * Seed 000's rules on what a manifest names: its environments, default registry and cluster
 * integration must exist in the tenant (422); the integration must belong to the cluster
 * type's cloud and to no other live cluster (409). The integration row is locked, so two
 * applies naming the same integration for different clusters cannot both pass; the other
 * records are share-locked against a concurrent delete.
 */
export async function checkManifestReferences(tx: TransactionClient, tenantId: number, manifest: ClusterManifest, clusterId: string | null): Promise<void> {
  // Shared locks: a concurrent delete of a record named here waits for this transaction (and
  // then sees the cluster using it), or this one waits for the delete and finds it gone.
  const environments = await tx.$queryRaw<{ name: string }[]>`
    SELECT name FROM environments WHERE tenant_id = ${tenantId} AND name = ANY(${manifest.environment_names}::text[]) FOR SHARE`;
  const known = new Set(environments.map((e) => e.name));
  const unknown = manifest.environment_names.flatMap((name, i) => (known.has(name) ? [] : [{ name, field: `manifest.environment_names.${i}` }]));
  if (unknown.length > 0) {
    const details = unknown.map(({ name, field }) => ({ field, message: `environment '${name}' does not exist` }));
    throw new AppError('unprocessable', `unknown environment(s): ${unknown.map((u) => u.name).join(', ')}`, details);
  }

  const registry = manifest.default_registry_fqn;
  if (registry && (await tx.$queryRaw<unknown[]>`SELECT 1 FROM container_registries WHERE tenant_id = ${tenantId} AND fqn = ${registry} FOR SHARE`).length === 0) {
    throw new AppError('unprocessable', `default registry '${registry}' not found or not accessible`, [{ field: 'manifest.default_registry_fqn', message: 'no such container registry' }]);
  }

  const fqn = manifest.cluster_integration_fqn;
  if (!fqn) return;
  const [integration] = await tx.$queryRaw<{ provider: string }[]>`
    SELECT provider FROM cluster_integrations WHERE tenant_id = ${tenantId} AND fqn = ${fqn} FOR UPDATE`;
  if (!integration) {
    throw new AppError('unprocessable', `cluster integration '${fqn}' not found or not accessible`, [{ field: 'manifest.cluster_integration_fqn', message: 'no such cluster integration' }]);
  }
  const cloud = integrationProviderFor(manifest.cluster_type);
  if (integration.provider !== cloud) {
    const wanted = cloud ? `a ${cloud} integration` : 'no integration';
    throw new AppError('failed_precondition', `cluster integration '${fqn}' belongs to ${integration.provider}, but a ${manifest.cluster_type} cluster needs ${wanted}`, [
      { field: 'manifest.cluster_integration_fqn', message: `provider ${integration.provider} does not match cluster_type ${manifest.cluster_type}` },
    ]);
  }
  const [user] = await tx.$queryRaw<{ name: string }[]>`
    SELECT name FROM clusters
    WHERE tenant_id = ${tenantId} AND deleted_at IS NULL AND manifest->>'cluster_integration_fqn' = ${fqn}
      AND (${clusterId}::uuid IS NULL OR id <> ${clusterId}::uuid)
    LIMIT 1`;
  if (user) {
    throw new AppError('failed_precondition', `cluster integration '${fqn}' is already used by cluster '${user.name}'`, [{ field: 'manifest.cluster_integration_fqn', message: `used by cluster ${user.name}` }]);
  }
}
