import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { AppError, parseInput, type Actor, type ClusterView, type CommandRequest } from '@clusterplane/contracts';
import { parseFireworksFilter, parseFireworksOrderBy, type Parsed } from '@clusterplane/domain';
import { CommandClient } from '@clusterplane/messaging';
import { ClusterListingRepository } from '@clusterplane/persistence';
import { APP_CONFIG } from '@clusterplane/platform';
import { CurrentActor } from '../auth/current-actor.decorator';
import type { GatewayConfig } from '../gateway.config';
import { toClusterSpec } from './fireworks-cluster-spec';
import { fireworksClusterName, toFireworksCluster } from './fireworks-cluster.presenter';
import { accountParams, clusterParams, createClusterBody, listClustersQuery, updateClusterBody, updateClusterQuery, type UpdatableField } from './fireworks.schemas';
import { PageTokenCodec } from './page-token';

/** Custom method suffix (AIP-136) on a cluster's path. */
const CONNECTION_INFO_SUFFIX = ':getConnectionInfo';

const parsedOr400 = <T>(parsed: Parsed<T>, field: string): T => {
  if ('problem' in parsed) throw AppError.invalid(`invalid ${field}: ${parsed.problem}`, [{ field, message: parsed.problem }]);
  return parsed.value;
};

/**
 * Fireworks Clusters API (seed 003). The account in the path must be the caller's tenant slug;
 * any other account is 404, like a cluster of another tenant. Clusters are addressed by name
 * (the create call's clusterId), unique among the tenant's live clusters.
 */
@Controller('v1/accounts/:accountId/clusters')
export class FireworksClustersController {
  private readonly pageTokens: PageTokenCodec;

  constructor(
    private readonly commands: CommandClient,
    private readonly listing: ClusterListingRepository,
    @Inject(APP_CONFIG) config: GatewayConfig,
  ) {
    this.pageTokens = new PageTokenCodec(config.pageTokenKey);
  }

  @Post()
  @HttpCode(200)
  async create(@CurrentActor() actor: Actor, @Param() rawParams: unknown, @Body() rawBody: unknown): Promise<unknown> {
    const { accountId } = this.account(actor, rawParams);
    const body = parseInput(createClusterBody, rawBody, 'body');
    const cluster = await this.commands.send('cluster.create', { actor, cluster: toClusterSpec(body) });
    return toFireworksCluster(cluster, accountId);
  }

  /** Keyset pages in a stable order; the token carries where the last page ended. */
  @Get()
  async list(@CurrentActor() actor: Actor, @Param() rawParams: unknown, @Query() rawQuery: unknown): Promise<unknown> {
    const { accountId } = this.account(actor, rawParams);
    const query = parseInput(listClustersQuery, rawQuery, 'query');
    const terms = parsedOr400(parseFireworksFilter(query.filter), 'filter');
    const order = parsedOr400(parseFireworksOrderBy(query.orderBy), 'orderBy');
    const binding = PageTokenCodec.binding({ tenant: actor.tenantId, terms, order });
    const after = query.pageToken ? this.pageTokens.decode(query.pageToken, binding) : undefined;

    const page = await this.listing.keysetPage(actor.tenantId, { terms, order, after, limit: query.pageSize });
    return {
      clusters: page.clusters.map((c) => toFireworksCluster(c, accountId)),
      nextPageToken: page.next ? this.pageTokens.encode(page.next, binding) : '',
      totalSize: page.totalSize,
    };
  }

  /** `GET …/{cluster_id}`, and the custom method `GET …/{cluster_id}:getConnectionInfo`. */
  @Get(':clusterId')
  async get(@CurrentActor() actor: Actor, @Param() rawParams: unknown): Promise<unknown> {
    const { accountId, clusterId } = this.clusterPath(actor, rawParams);
    if (!clusterId.endsWith(CONNECTION_INFO_SUFFIX)) return toFireworksCluster(await this.findOr404(actor, accountId, clusterId), accountId);

    const cluster = await this.findOr404(actor, accountId, clusterId.slice(0, -CONNECTION_INFO_SUFFIX.length));
    const info = await this.listing.connectionInfo(actor.tenantId, cluster.id);
    if (!info?.endpoint || !info.caData) {
      // A registered (eksCluster) cluster's API server is known only to its owner: its address
      // carries an id AWS assigns, which the eksCluster block does not hold.
      throw new AppError(
        'failed_precondition',
        cluster.origin === 'managed' ? `cluster ${cluster.name} has no control plane yet; retry once it is READY` : `the connection info of registered cluster ${cluster.name} is not known to the control plane`,
      );
    }
    return { endpoint: info.endpoint, caData: info.caData };
  }

  @Patch(':clusterId')
  async update(@CurrentActor() actor: Actor, @Param() rawParams: unknown, @Query() rawQuery: unknown, @Body() rawBody: unknown): Promise<unknown> {
    const { accountId, clusterId } = this.clusterPath(actor, rawParams);
    const { updateMask } = parseInput(updateClusterQuery, rawQuery, 'query');
    const body = parseInput(updateClusterBody, rawBody, 'body');
    const cluster = await this.findOr404(actor, accountId, clusterId);

    // With a mask, exactly its fields change (a masked display name absent from the body is
    // cleared); without one, every field the body carries.
    const fields = new Set<UpdatableField>(updateMask ?? (['displayName', 'eksCluster', 'fakeCluster'] as const).filter((f) => body[f] !== undefined));
    const request: CommandRequest<'cluster.update'> = { actor, clusterId: cluster.id };
    if (fields.has('displayName')) request.displayName = body.displayName ?? null;
    for (const block of ['eksCluster', 'fakeCluster'] as const) {
      if (!fields.has(block)) continue;
      const config = body[block];
      if (!config) throw AppError.invalid(`updateMask names ${block} but the body has none`, [{ field: block, message: 'is required by updateMask' }]);
      request.providerConfig = { [block]: config };
    }
    return toFireworksCluster(await this.commands.send('cluster.update', request), accountId);
  }

  /** SPEC section 5: graceful; the cluster lists as DELETING until it is gone. */
  @Delete(':clusterId')
  @HttpCode(200)
  async remove(@CurrentActor() actor: Actor, @Param() rawParams: unknown): Promise<Record<string, never>> {
    const { accountId, clusterId } = this.clusterPath(actor, rawParams);
    const cluster = await this.findOr404(actor, accountId, clusterId);
    await this.commands.send('cluster.delete', { actor, clusterId: cluster.id, mode: 'graceful' });
    return {};
  }

  /** Another tenant's account is indistinguishable from one that does not exist. */
  private account(actor: Actor, rawParams: unknown): { accountId: string } {
    const { accountId } = parseInput(accountParams, rawParams, 'path');
    if (accountId !== actor.tenantSlug) throw AppError.notFound(`account ${accountId}`);
    return { accountId };
  }

  private clusterPath(actor: Actor, rawParams: unknown): { accountId: string; clusterId: string } {
    this.account(actor, rawParams);
    return parseInput(clusterParams, rawParams, 'path');
  }

  private async findOr404(actor: Actor, accountId: string, clusterId: string): Promise<ClusterView> {
    const cluster = await this.listing.findLiveByName(actor.tenantId, clusterId);
    if (!cluster) throw AppError.notFound(`cluster ${fireworksClusterName(accountId, clusterId)}`);
    return cluster;
  }
}
