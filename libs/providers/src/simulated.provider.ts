import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { SimulatedProviderLedger } from './simulated-provider.ledger';
import type { ClusterProvider, ControlPlane, ExternalResource, ProvisionedInstance, ProvisionedNode, ResourceTags } from './cluster-provider';
import { SimulatedFailures } from './simulated-failures';
import { SIMULATED_PROVIDER_SETTINGS, type SimulatedProviderSettings } from './simulated-provider.settings';

const PROVIDER = 'simulated';

/** Every call writes the ledger: a named statement, planned once per connection. */
const RECORD_EFFECT = {
  name: 'simulated-provider-effect',
  text: `INSERT INTO provider_effects (idempotency_key, provider, operation, resource_type, resource_id, external_id)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (idempotency_key) DO UPDATE SET request_count = provider_effects.request_count + 1, last_request_at = now()
         RETURNING external_id`,
};

/** What a cluster's resources are: what was created for it and not deleted since. */
const LIST_RESOURCES = {
  name: 'simulated-provider-resources',
  text: `SELECT created.resource_type, created.external_id
         FROM provider_effects created
         WHERE created.resource_id = $1 AND created.operation NOT LIKE '%.delete'
           AND NOT EXISTS (
             SELECT 1 FROM provider_effects deleted
             WHERE deleted.resource_id = created.external_id AND deleted.operation LIKE '%.delete')
         ORDER BY created.created_at`,
};

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
/** A new resource's id is derived from its idempotency key, so a replay names the same resource. */
const newId = (prefix: string, key: string): string => `${prefix}-${digest(key).toString('hex').slice(0, 12)}`;

/**
 * The embedded default provider. It keeps a ledger of effects in Postgres keyed by idempotency
 * key: a repeated call bumps `request_count` and returns the original result (everything it
 * returns is derived from the external id), so tests can tell a retry (same key, one effect)
 * from a double effect (two keys). Latency and failures are injected by configuration.
 */
@Injectable()
export class SimulatedProvider implements ClusterProvider {
  readonly name = PROVIDER;
  private readonly failures: SimulatedFailures;

  constructor(
    private readonly ledger: SimulatedProviderLedger,
    @Inject(SIMULATED_PROVIDER_SETTINGS) private readonly settings: SimulatedProviderSettings,
  ) {
    this.failures = new SimulatedFailures(settings.failures);
  }

  async issueCredentials(input: { clusterId: string; secretVersion: number; tags?: ResourceTags }, key: string): Promise<ExternalResource> {
    const externalId = await this.apply('credentials.issue', key, input.tags, input.clusterId, 'credentials', newId(`cred-v${input.secretVersion}`, key));
    return { kind: 'credentials', externalId, provider: PROVIDER };
  }

  async createControlPlane(input: { clusterId: string; kubernetesVersion: string | null; tags?: ResourceTags }, key: string): Promise<ControlPlane> {
    const externalId = await this.apply('control-plane.create', key, input.tags, input.clusterId, 'control-plane', newId('cp', key));
    const host = digest(externalId).toString('hex').slice(0, 12);
    const pem = `-----BEGIN CERTIFICATE-----\n${digest(`ca:${externalId}`).toString('base64')}\n-----END CERTIFICATE-----\n`;
    return { kind: 'control-plane', externalId, provider: PROVIDER, endpoint: `https://${host}.k8s.simulated.clusterplane.dev:6443`, caData: Buffer.from(pem).toString('base64') };
  }

  async createNode(input: { clusterId: string; nodePoolId: string; name: string; instanceType: string; tags?: ResourceTags }, key: string): Promise<ProvisionedNode> {
    const externalId = await this.apply('node.create', key, input.tags, input.clusterId, 'node', newId('i', key));
    const bytes = digest(externalId);
    return {
      kind: 'node',
      externalId,
      provider: PROVIDER,
      privateIp: `10.${bytes[0]! % 64}.${bytes[1]}.${(bytes[2]! % 253) + 1}`,
      publicIp: `198.51.100.${(bytes[3]! % 253) + 1}`,
    };
  }

  async installAgent(input: { clusterId: string; tags?: ResourceTags }, key: string): Promise<ExternalResource> {
    const externalId = await this.apply('agent.install', key, input.tags, input.clusterId, 'agent', newId('agent', key));
    return { kind: 'agent', externalId, provider: PROVIDER };
  }

  /** Recorded against the control plane, not the cluster: an upgrade creates nothing to list or delete. */
  async upgradeControlPlane(input: { clusterId: string; externalId: string; kubernetesVersion: string; tags?: ResourceTags }, key: string): Promise<void> {
    await this.apply('control-plane.upgrade', key, input.tags, input.externalId, 'control-plane', input.externalId);
  }

  async createInstance(input: { instanceId: string; name: string; instanceType: string; image: string; tags?: ResourceTags }, key: string): Promise<ProvisionedInstance> {
    const externalId = await this.apply('instance.create', key, input.tags, input.instanceId, 'instance', newId('vm', key));
    const bytes = digest(externalId);
    return { kind: 'instance', externalId, provider: PROVIDER, ip: `10.${bytes[0]! % 64 + 64}.${bytes[1]}.${(bytes[2]! % 253) + 1}` };
  }

  async setInstancePower(input: { externalId: string; action: 'start' | 'stop'; tags?: ResourceTags }, key: string): Promise<void> {
    await this.apply(`instance.${input.action}`, key, input.tags, input.externalId, 'instance', input.externalId);
  }

  async createFilesystem(input: { filesystemId: string; sizeGi: number; tags?: ResourceTags }, key: string): Promise<ExternalResource> {
    const externalId = await this.apply('filesystem.create', key, input.tags, input.filesystemId, 'filesystem', newId('fs', key));
    return { kind: 'filesystem', externalId, provider: PROVIDER };
  }

  async deleteResource(resource: ExternalResource, key: string): Promise<void> {
    await this.apply(`${resource.kind}.delete`, key, undefined, resource.externalId, resource.kind, resource.externalId);
  }

  async listResources(clusterId: string): Promise<ExternalResource[]> {
    const rows = await this.ledger.query<{ resource_type: string; external_id: string }>({ ...LIST_RESOURCES, values: [clusterId] });
    return rows.map((r) => ({ kind: r.resource_type, externalId: r.external_id, provider: PROVIDER }));
  }

  /** Latency, then failure injection, then the ledger write: the order a real API call has. */
  private async apply(operation: string, key: string, tags: ResourceTags | undefined, resourceId: string, resourceType: string, externalId: string): Promise<string> {
    if (this.settings.latencyMs > 0) await sleep(this.settings.latencyMs);
    this.failures.check(operation, key, tags);
    const [row] = await this.ledger.query<{ external_id: string }>({ ...RECORD_EFFECT, values: [key, PROVIDER, operation, resourceType, resourceId, externalId] });
    return row!.external_id;
  }
}
