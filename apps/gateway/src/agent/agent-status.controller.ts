import { Body, Controller, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { AppError, agentReportSchema, type AgentCommand } from '@clusterplane/contracts';
import { clientSecretMatches, deriveClientSecret } from '@clusterplane/domain';
import { CommandClient } from '@clusterplane/messaging';
import { ClusterReadRepository } from '@clusterplane/persistence';
import { APP_CONFIG, Public } from '@clusterplane/platform';
import type { GatewayConfig } from '../gateway.config';
import { clusterUuidParams } from '../runai/runai.schemas';
import { parseInput } from '../validation/parse-input';

/**
 * The agent protocol (SPEC section 6). Agents authenticate with their cluster's client secret,
 * not a user token; the answer carries commands such as `uninstall`.
 */
@Public()
@Controller('api/v1/agent/clusters')
export class AgentStatusController {
  constructor(
    private readonly commands: CommandClient,
    private readonly clusters: ClusterReadRepository,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post(':clusterUuid/status')
  @HttpCode(200)
  async report(@Param() rawParams: unknown, @Headers('authorization') authorization: string | undefined, @Body() rawBody: unknown): Promise<{ commands: AgentCommand[] }> {
    const { clusterUuid } = parseInput(clusterUuidParams, rawParams, 'path');
    const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!presented) throw new AppError('unauthenticated', 'missing client secret');

    const cluster = await this.clusters.findAgentCredentials(clusterUuid);
    const expected = cluster ? deriveClientSecret(this.config.agentSecretKey, cluster.id, cluster.secretVersion) : '';
    if (!cluster || !clientSecretMatches(expected, presented)) throw new AppError('unauthenticated', 'invalid client secret');
    if (cluster.deletedAt) throw new AppError('not_found', 'cluster was deleted; uninstall the agent');
    if (cluster.secretRevokedAt) throw new AppError('unauthenticated', 'client secret was revoked');

    const report = parseInput(agentReportSchema, rawBody, 'body');
    await this.commands.send('status.report', { clusterId: cluster.id, tenantId: cluster.tenantId, receivedAt: new Date().toISOString(), report });

    const uninstallPending = cluster.deleteRequestedAt !== null && cluster.uninstallAckedAt === null;
    return { commands: uninstallPending ? [{ command: 'uninstall', id: `uninstall-${cluster.id}` }] : [] };
  }
}
