import { Injectable } from '@nestjs/common';
import type { ClusterView } from '@clusterplane/contracts';
import { fireworksStateSelector, type FireworksFilterTerm, type FireworksOrder } from '@clusterplane/domain';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { toClusterView } from './cluster-view.mapper';

/** Where a keyset page starts: just after the row with this sort key and id. */
export interface KeysetCursor {
  /** `createdAt` as ISO 8601, or the name, depending on the order. */
  key: string;
  id: string;
}

export interface KeysetPageQuery {
  terms: readonly FireworksFilterTerm[];
  order: FireworksOrder;
  after?: KeysetCursor;
  limit: number;
}

export interface KeysetPage {
  clusters: ClusterView[];
  totalSize: number;
  /** Set when more rows follow this page. */
  next?: KeysetCursor;
}

/**
 * The reads of the TrueFoundry and Fireworks dialects: a tenant's live clusters (those being
 * deleted included) by name, offset pages, and keyset pages over the `(tenant_id, created_at,
 * id)` and `(tenant_id, name)` indexes, with the id breaking ties so no row is skipped or repeated.
 */
@Injectable()
export class ClusterListingRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findLiveByName(tenantId: number, name: string): Promise<ClusterView | null> {
    const row = await this.prisma.cluster.findFirst({ where: { tenantId, name, deletedAt: null } });
    return row ? toClusterView(row) : null;
  }

  /** The API server of a live cluster: null fields until a control plane exists. */
  async connectionInfo(tenantId: number, clusterId: string): Promise<{ endpoint: string | null; caData: string | null } | null> {
    return this.prisma.cluster.findFirst({ where: { id: clusterId, tenantId, deletedAt: null }, select: { endpoint: true, caData: true } });
  }

  async offsetPage(tenantId: number, offset: number, limit: number): Promise<{ clusters: ClusterView[]; total: number }> {
    const where = { tenantId, deletedAt: null };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.cluster.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip: offset, take: limit }),
      this.prisma.cluster.count({ where }),
    ]);
    return { clusters: rows.map(toClusterView), total };
  }

  async keysetPage(tenantId: number, query: KeysetPageQuery): Promise<KeysetPage> {
    const filtered: Prisma.ClusterWhereInput = { tenantId, deletedAt: null, AND: query.terms.map(termWhere) };
    const direction = query.order.direction;
    const sortField = query.order.field === 'createTime' ? 'createdAt' : 'name';
    const [rows, totalSize] = await this.prisma.$transaction([
      this.prisma.cluster.findMany({
        where: query.after ? { AND: [filtered, afterWhere(sortField, direction, query.after)] } : filtered,
        orderBy: [{ [sortField]: direction }, { id: direction }],
        take: query.limit + 1,
      }),
      this.prisma.cluster.count({ where: filtered }),
    ]);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const next = rows.length > query.limit && last ? { key: sortField === 'createdAt' ? last.createdAt.toISOString() : last.name, id: last.id } : undefined;
    return { clusters: page.map(toClusterView), totalSize, next };
  }
}

function termWhere(term: FireworksFilterTerm): Prisma.ClusterWhereInput {
  if (term.field === 'state') {
    const selector = fireworksStateSelector(term.value);
    const matches: Prisma.ClusterWhereInput = selector.deleteRequested ? { deleteRequestedAt: { not: null } } : { deleteRequestedAt: null, phase: { in: selector.phases } };
    // Both sides are never NULL, so NOT is the exact complement.
    return term.operator === '=' ? matches : { NOT: matches };
  }
  // The display name falls back to the name, as rendered. Each branch is written positively so
  // a NULL display name never turns the comparison into NULL (and the row silently away).
  return term.operator === '='
    ? { OR: [{ displayName: term.value }, { displayName: null, name: term.value }] }
    : { OR: [{ AND: [{ displayName: { not: null } }, { displayName: { not: term.value } }] }, { displayName: null, name: { not: term.value } }] };
}

function afterWhere(field: 'createdAt' | 'name', direction: 'asc' | 'desc', after: KeysetCursor): Prisma.ClusterWhereInput {
  const key = field === 'createdAt' ? new Date(after.key) : after.key;
  const beyond = direction === 'asc' ? 'gt' : 'lt';
  return { OR: [{ [field]: { [beyond]: key } }, { [field]: key, id: { [beyond]: after.id } }] };
}
