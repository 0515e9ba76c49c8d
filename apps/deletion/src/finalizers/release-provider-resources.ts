import { deleteKeyFor, type ClusterProvider, type ExternalResource } from '@clusterplane/providers';

/** Deletes each resource with its one delete key, so a retried step repeats no effect. */
export async function releaseProviderResources(provider: ClusterProvider, resources: ExternalResource[]): Promise<void> {
  for (const resource of resources) {
    await provider.deleteResource(resource, deleteKeyFor(resource));
  }
}
