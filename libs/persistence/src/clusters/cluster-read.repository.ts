import { Injectable } from '@nestjs/common';
import type { ClusterView } from '@clusterplane/contracts';
import { PrismaService } from '../prisma.service';
import { CLUSTER_VIEW_COLUMNS, toClusterView, type ClusterViewRow } from './cluster-view.mapper';

/**
 * The hottest read of the API, by primary key: plain SQL on Prisma's pool as a named prepared
 * statement (parsed and planned once per connection), without Prisma's per-query work.
 */
const FIND_LIVE = {
  name: 'cluster-find-live',
  text: `SELECT ${CLUSTER_VIEW_COLUMNS} FROM clusters WHERE id = $1 AND tenant_id = $2 AND deleted_at IS NULL`,
};

/** Many clusters' agent credentials in one statement: the gateway's misses after a restart arrive in floods. */
const FIND_AGENT_CREDENTIALS = {
  name: 'cluster-agent-credentials',
  text: `SELECT id, tenant_id AS "tenantId", secret_version AS "secretVersion", secret_revoked_at AS "secretRevokedAt",
           deleted_at AS "deletedAt", delete_requested_at AS "deleteRequestedAt", uninstall_acked_at AS "uninstallAckedAt"
         FROM clusters WHERE id = ANY($1::uuid[])`,
};

export interface AgentCredentialsRow {
  id: string;
  tenantId: number;
  secretVersion: number;
  secretRevokedAt: Date | null;
  deletedAt: Date | null;
  deleteRequestedAt: Date | null;
  uninstallAckedAt: Date | null;
}

export interface ClusterListOptions {
  includeRequestedForDelete: boolean;
}

/** Query side of clusters for the gateway (CQRS): reads only, tenant-scoped, live rows only. */
@Injectable()
export class ClusterReadRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findLive(tenantId: number, clusterId: string): Promise<ClusterView | null> {
    const { rows } = await this.prisma.pool.query<ClusterViewRow>({ ...FIND_LIVE, values: [clusterId, tenantId] });
    return rows[0] ? toClusterView(rows[0]) : null;
  }

  /** Ordered by creation (the `(tenant_id, created_at, id)` index) so pages are stable. */
  async list(tenantId: number, options: ClusterListOptions): Promise<ClusterView[]> {
    const rows = await this.prisma.cluster.findMany({
      where: { tenantId, deletedAt: null, ...(options.includeRequestedForDelete ? {} : { deleteRequestedAt: null }) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toClusterView);
  }

  /** What the agent route needs to authenticate a report and answer with pending commands, for many clusters at once; ids of no cluster are left out. */
  async findAgentCredentialsMany(clusterIds: string[]): Promise<AgentCredentialsRow[]> {
    const { rows } = await this.prisma.pool.query<AgentCredentialsRow>({ ...FIND_AGENT_CREDENTIALS, values: [clusterIds] });
    return rows;
  }

  /** findAgentCredentialsMany for one cluster. */
  async findAgentCredentials(clusterId: string): Promise<AgentCredentialsRow | null> {
    return (await this.findAgentCredentialsMany([clusterId]))[0] ?? null;
  }
}
