import { Injectable } from '@nestjs/common';
import type { ClusterView } from '@clusterplane/contracts';
import type { ClusterFilterTerm } from '@clusterplane/domain';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { clusterFilterSql, type LivenessClock } from './cluster-filter.sql';

/** The fields a minimal cluster is rendered from. */
export type ClusterSummary = Pick<ClusterView, 'id' | 'tenantId' | 'name' | 'agentVersion' | 'domain' | 'reportedStatus' | 'lastLiveness'>;

export interface ClusterPage {
  offset: number;
  limit: number;
}

interface SummaryRow {
  id: string;
  tenant_id: number;
  name: string;
  agent_version: string | null;
  domain: string | null;
  reported_status: Record<string, unknown> | null;
  last_liveness: Date | null;
}

/**
 * Filtered, paged reads of a tenant's live clusters (clusters awaiting deletion excluded), in
 * creation order so pages are stable. Served by the `(tenant_id, created_at, id)` index.
 */
@Injectable()
export class ClusterSearchRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findPage(tenantId: number, terms: readonly ClusterFilterTerm[], page: ClusterPage, clock: LivenessClock): Promise<ClusterSummary[]> {
    // Plain SQL on Prisma's pool: Prisma's per-query work would cost more than the query itself.
    const query = Prisma.sql`
      SELECT id, tenant_id, name, agent_version, domain, reported_status, last_liveness FROM clusters
      WHERE tenant_id = ${tenantId} AND deleted_at IS NULL AND delete_requested_at IS NULL AND ${clusterFilterSql(terms, clock)}
      ORDER BY created_at, id
      OFFSET ${page.offset} LIMIT ${page.limit}`;
    const { rows } = await this.prisma.pool.query<SummaryRow>(query.text, query.values);
    return rows.map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      name: row.name,
      agentVersion: row.agent_version,
      domain: row.domain,
      reportedStatus: row.reported_status,
      lastLiveness: row.last_liveness ? row.last_liveness.toISOString() : null,
    }));
  }
}
