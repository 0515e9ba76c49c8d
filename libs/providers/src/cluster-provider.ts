/** An external resource a provider created for a cluster, as recorded in its ledger. */
export interface ExternalResource {
  kind: string;
  externalId: string;
  provider: string;
}

export interface ControlPlane extends ExternalResource {
  endpoint: string;
  caData: string;
}

export interface ProvisionedNode extends ExternalResource {
  privateIp: string;
  publicIp: string | null;
}

/** A standalone machine (a Fluidstack instance) once the provider has it. */
export interface ProvisionedInstance extends ExternalResource {
  ip: string;
}

/** Per-resource hints such as `sim.fail` for failure injection; providers ignore unknown tags. */
export type ResourceTags = Record<string, string>;

/**
 * What Clusterplane asks of an infrastructure provider. Every call carries an idempotency key:
 * repeating a call with the same key must not repeat its effect, and returns the same result.
 */
export interface ClusterProvider {
  readonly name: string;
  /** Registers the cluster's agent credentials with the provider's endpoint. */
  issueCredentials(input: { clusterId: string; secretVersion: number; tags?: ResourceTags }, idempotencyKey: string): Promise<ExternalResource>;
  createControlPlane(input: { clusterId: string; kubernetesVersion: string | null; tags?: ResourceTags }, idempotencyKey: string): Promise<ControlPlane>;
  createNode(input: { clusterId: string; nodePoolId: string; name: string; instanceType: string; tags?: ResourceTags }, idempotencyKey: string): Promise<ProvisionedNode>;
  /** Installs the agent in a managed cluster, so it reports without a manual step. */
  installAgent(input: { clusterId: string; tags?: ResourceTags }, idempotencyKey: string): Promise<ExternalResource>;
  /** Upgrades a control plane in place: the resource (and its id) stays the same. */
  upgradeControlPlane(input: { clusterId: string; externalId: string; kubernetesVersion: string; tags?: ResourceTags }, idempotencyKey: string): Promise<void>;
  /** A project's standalone machine; listed under `instanceId` by listResources. */
  createInstance(input: { instanceId: string; name: string; instanceType: string; image: string; tags?: ResourceTags }, idempotencyKey: string): Promise<ProvisionedInstance>;
  /** Powers an existing machine on or off; it keeps its id and address. */
  setInstancePower(input: { externalId: string; action: 'start' | 'stop'; tags?: ResourceTags }, idempotencyKey: string): Promise<void>;
  /** A project's shared filesystem; listed under `filesystemId` by listResources. */
  createFilesystem(input: { filesystemId: string; sizeGi: number; tags?: ResourceTags }, idempotencyKey: string): Promise<ExternalResource>;
  /** Deletes one external resource; deleting one that is already gone succeeds. */
  deleteResource(resource: ExternalResource, idempotencyKey: string): Promise<void>;
  /**
   * Resources created for `clusterId` and not yet deleted. Instances and filesystems are
   * owners too: pass their id to list what was created for them.
   */
  listResources(clusterId: string): Promise<ExternalResource[]>;
}

export const CLUSTER_PROVIDER = Symbol('CLUSTER_PROVIDER');
