import type { ExternalResource } from './cluster-provider';

/**
 * The one idempotency key for deleting a resource, whoever deletes it (a finalizer, the orphan
 * collector, or a provisioning job that finds its cluster being deleted): two deleters of the
 * same resource collapse into one provider effect.
 */
export function deleteKeyFor(resource: ExternalResource): string {
  return `delete/${resource.provider}/${resource.externalId}`;
}
