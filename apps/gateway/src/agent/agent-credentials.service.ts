import { Inject, Injectable } from '@nestjs/common';
import { clientSecretDigest, clientSecretDigestMatches, deriveClientSecret } from '@clusterplane/domain';
import { ClusterReadRepository, type AgentCredentialsRow } from '@clusterplane/persistence';
import { APP_CONFIG, KeyedBatchLoader } from '@clusterplane/platform';
import type { GatewayConfig } from '../gateway.config';

export interface AgentIdentity {
  clusterId: string;
  tenantId: number;
  secretVersion: number;
  deleted: boolean;
  revoked: boolean;
}

interface Remembered extends AgentIdentity {
  /** Kept as its digest: each heartbeat then hashes only the secret it presents. */
  expectedDigest: Buffer;
  expiresAt: number;
}

/** Enough for a large fleet; beyond it the oldest entries make room. */
const MAX_REMEMBERED = 200_000;

/**
 * Verifies an agent's client secret (HMAC of the server key, cluster and secret version) and
 * remembers the verified identity for AGENT_AUTH_CACHE_MS, so a heartbeat costs no Postgres
 * read at the gateway. Nothing here is trusted for long: the status service re-checks the
 * cluster under its row lock (deleted, revoked, secret version) before storing a report, and a
 * secret that does not match what is remembered is always checked against Postgres again, so a
 * rotated secret works at once.
 */
@Injectable()
export class AgentCredentials {
  private readonly remembered = new Map<string, Remembered>();
  /** Misses of one event-loop turn share one query: after a restart every agent misses at once. */
  private readonly stored: KeyedBatchLoader<string, AgentCredentialsRow>;

  constructor(
    clusters: ClusterReadRepository,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.stored = new KeyedBatchLoader(async (ids) => new Map((await clusters.findAgentCredentialsMany(ids)).map((row) => [row.id, row])));
  }

  /** The cluster `presented` is the secret of, or null when it is nobody's. */
  async authenticate(clusterId: string, presented: string): Promise<AgentIdentity | null> {
    const known = this.remembered.get(clusterId);
    if (known && known.expiresAt > Date.now() && clientSecretDigestMatches(known.expectedDigest, presented)) return known;
    const row = await this.stored.load(clusterId);
    if (!row) return null;
    const identity: Remembered = {
      clusterId: row.id,
      tenantId: row.tenantId,
      secretVersion: row.secretVersion,
      deleted: row.deletedAt !== null,
      revoked: row.secretRevokedAt !== null,
      expectedDigest: clientSecretDigest(deriveClientSecret(this.config.agentSecretKey, row.id, row.secretVersion)),
      expiresAt: Date.now() + this.config.agentAuthCacheMs,
    };
    if (!clientSecretDigestMatches(identity.expectedDigest, presented)) return null;
    this.remember(identity);
    return identity;
  }

  /** The status service found the cluster deleted or the secret retired: read it afresh next time. */
  forget(clusterId: string): void {
    this.remembered.delete(clusterId);
  }

  private remember(identity: Remembered): void {
    if (this.config.agentAuthCacheMs <= 0) return;
    this.remembered.delete(identity.clusterId);
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(identity.clusterId, identity);
  }
}
