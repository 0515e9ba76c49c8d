import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { AppError, parseInput, type Actor, type TenantConfigItem } from '@clusterplane/contracts';
import { CommandClient } from '@clusterplane/messaging';
import { TenantConfigReadRepository } from '@clusterplane/persistence';
import { RequireRoles } from '@clusterplane/platform';
import { CurrentActor } from '../auth/current-actor.decorator';
import { toTenantConfigItem } from './truefoundry-cluster.presenter';
import { TENANT_CONFIG_COLLECTIONS, tenantConfigParams, type TenantConfigCollection } from './truefoundry.schemas';

/**
 * The small admin API for what manifests name (README: "TrueFoundry admin API"):
 * `/api/svc/v1/{environments|container-registries|cluster-integrations}` to list (any role),
 * POST to add and DELETE `/{name-or-fqn}` to remove (admin). The clusters routes are literal
 * paths, so they always win over this parameter.
 */
@Controller('api/svc/v1')
export class TruefoundryTenantConfigController {
  constructor(
    private readonly commands: CommandClient,
    private readonly records: TenantConfigReadRepository,
  ) {}

  @Get(':collection')
  async list(@CurrentActor() actor: Actor, @Param() rawParams: unknown): Promise<unknown> {
    const collection = this.collection(rawParams);
    return { data: (await this.records.list(actor.tenantId, collection.kind)).map(toTenantConfigItem) };
  }

  @Post(':collection')
  @HttpCode(200)
  @RequireRoles('admin')
  async create(@CurrentActor() actor: Actor, @Param() rawParams: unknown, @Body() rawBody: unknown): Promise<unknown> {
    const collection = this.collection(rawParams);
    const body = parseInput(collection.body, rawBody, 'body');
    const item = { kind: collection.kind, key: body[collection.keyField], provider: body.provider } as TenantConfigItem;
    return { data: toTenantConfigItem(await this.commands.send('tenant-config.create', { actor, item })) };
  }

  @Delete(':collection/:key')
  @HttpCode(200)
  @RequireRoles('admin')
  async remove(@CurrentActor() actor: Actor, @Param() rawParams: unknown): Promise<unknown> {
    const collection = this.collection(rawParams);
    const { key } = parseInput(tenantConfigParams, rawParams, 'path');
    await this.commands.send('tenant-config.delete', { actor, kind: collection.kind, key: key! });
    return { message: `${collection.kind} '${key}' deleted` };
  }

  private collection(rawParams: unknown): TenantConfigCollection {
    const { collection } = parseInput(tenantConfigParams, rawParams, 'path');
    const found = Object.hasOwn(TENANT_CONFIG_COLLECTIONS, collection) ? TENANT_CONFIG_COLLECTIONS[collection] : undefined;
    if (!found) throw AppError.notFound('route');
    return found;
  }
}
