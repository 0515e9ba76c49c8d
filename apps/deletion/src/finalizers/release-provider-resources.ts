import type { ClusterProvider, ExternalResource } from '@clusterplane/providers';

/** Deletes each resource with a key derived from it, so a retried step repeats no effect. */
export async function releaseProviderResources(provider: ClusterProvider, resources: ExternalResource[]): Promise<void> {
  for (const resource of resources) {
    await provider.deleteResource(resource, `delete/${resource.provider}/${resource.externalId}`);
  }
}
