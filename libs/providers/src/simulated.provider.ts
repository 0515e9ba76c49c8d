import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { PrismaService } from '@clusterplane/persistence';
import type { ClusterProvider, ExternalResource } from './cluster-provider';
import { SIMULATED_PROVIDER_SETTINGS, type SimulatedProviderSettings } from './simulated-provider.settings';

const PROVIDER = 'simulated';

/**
 * The embedded default provider. It keeps a ledger of effects in Postgres keyed by idempotency
 * key: a repeated call bumps `request_count` and returns the original result, so tests can tell
 * a retry (same key, one effect) from a double effect (two keys).
 */
@Injectable()
export class SimulatedProvider implements ClusterProvider {
  readonly name = PROVIDER;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(SIMULATED_PROVIDER_SETTINGS) private readonly settings: SimulatedProviderSettings,
  ) {}

  async issueCredentials(input: { clusterId: string; secretVersion: number }, idempotencyKey: string): Promise<ExternalResource> {
    await this.latency();
    const externalId = await this.record(idempotencyKey, 'credentials.issue', 'cluster', input.clusterId, `cred-v${input.secretVersion}`);
    return { kind: 'credentials', externalId, provider: PROVIDER };
  }

  async deleteResource(resource: ExternalResource, idempotencyKey: string): Promise<void> {
    await this.latency();
    await this.record(idempotencyKey, `${resource.kind}.delete`, resource.kind, resource.externalId, resource.externalId);
  }

  async listResources(clusterId: string): Promise<ExternalResource[]> {
    const rows = await this.prisma.$queryRaw<{ resource_type: string; external_id: string }[]>`
      SELECT created.resource_type, created.external_id
      FROM provider_effects created
      WHERE created.resource_id = ${clusterId} AND created.operation NOT LIKE '%.delete'
        AND NOT EXISTS (
          SELECT 1 FROM provider_effects deleted
          WHERE deleted.resource_id = created.external_id AND deleted.operation LIKE '%.delete')`;
    return rows.map((r) => ({ kind: r.resource_type === 'cluster' ? 'credentials' : r.resource_type, externalId: r.external_id, provider: PROVIDER }));
  }

  private async latency(): Promise<void> {
    if (this.settings.latencyMs > 0) await sleep(this.settings.latencyMs);
  }

  private async record(key: string, operation: string, resourceType: string, resourceId: string, externalPrefix: string): Promise<string> {
    const externalId = `${externalPrefix}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
    const [row] = await this.prisma.$queryRaw<{ external_id: string }[]>`
      INSERT INTO provider_effects (idempotency_key, provider, operation, resource_type, resource_id, external_id)
      VALUES (${key}, ${PROVIDER}, ${operation}, ${resourceType}, ${resourceId}, ${externalId})
      ON CONFLICT (idempotency_key) DO UPDATE
        SET request_count = provider_effects.request_count + 1, last_request_at = now()
      RETURNING external_id`;
    return row!.external_id;
  }
}
