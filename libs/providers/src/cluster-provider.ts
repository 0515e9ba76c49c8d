/** An external resource a provider created for a cluster, as recorded in its ledger. */
export interface ExternalResource {
  kind: string;
  externalId: string;
  provider: string;
}

/**
 * What Clusterplane asks of an infrastructure provider. Every call carries an idempotency key:
 * repeating a call with the same key must not repeat its effect.
 */
export interface ClusterProvider {
  readonly name: string;
  /** Registers the cluster's agent credentials with the provider's endpoint. */
  issueCredentials(input: { clusterId: string; secretVersion: number }, idempotencyKey: string): Promise<ExternalResource>;
  /** Deletes one external resource; deleting one that is already gone succeeds. */
  deleteResource(resource: ExternalResource, idempotencyKey: string): Promise<void>;
  /** Resources created for `clusterId` and not yet deleted. */
  listResources(clusterId: string): Promise<ExternalResource[]>;
}

export const CLUSTER_PROVIDER = Symbol('CLUSTER_PROVIDER');
