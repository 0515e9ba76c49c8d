import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { AppError, agentReportSchema, type AgentCommand } from '@clusterplane/contracts';
import { Public } from '@clusterplane/platform';
import { clusterUuidParams } from '../runai/runai.schemas';
import { parseInput } from '../validation/parse-input';
import { AgentCredentials } from './agent-credentials.service';
import { StatusReportForwarder } from './status-report-forwarder.service';

/**
 * Run:ai's error body has only a free-text `details`; `command: uninstall` in it tells the
 * agent of a deleted cluster to remove itself and stop reporting.
 */
const clusterDeleted = () => new AppError('not_found', 'cluster was deleted; uninstall the agent', [{ field: 'command', message: 'uninstall' }]);
const secretRevoked = () => new AppError('unauthenticated', 'client secret was revoked');

/**
 * The agent protocol (SPEC section 6). Agents authenticate with their cluster's client secret,
 * not a user token; the answer, sent once the report is stored, carries commands such as
 * `uninstall`, which the agent acknowledges in the `acks` of a later report.
 */
@Public()
@Controller('api/v1/agent/clusters')
export class AgentStatusController {
  constructor(
    private readonly forwarder: StatusReportForwarder,
    private readonly credentials: AgentCredentials,
  ) {}

  @Post(':clusterUuid/status')
  @HttpCode(200)
  async report(
    @Param() rawParams: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Headers('content-length') contentLength: string | undefined,
    @Body() rawBody: unknown,
  ): Promise<{ commands: AgentCommand[] }> {
    const { clusterUuid } = parseInput(clusterUuidParams, rawParams, 'path');
    const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!presented) throw new AppError('unauthenticated', 'missing client secret');

    const agent = await this.credentials.authenticate(clusterUuid, presented);
    if (!agent) throw new AppError('unauthenticated', 'invalid client secret');
    if (agent.deleted) throw clusterDeleted();
    if (agent.revoked) throw secretRevoked();

    const report = parseInput(agentReportSchema, rawBody, 'body');
    const request = { clusterId: agent.clusterId, tenantId: agent.tenantId, secretVersion: agent.secretVersion, receivedAt: new Date().toISOString(), report };
    // The size decides how many reports share one NATS message; a chunked body is measured.
    const reply = await this.forwarder.forward(request, Number(contentLength) || Buffer.byteLength(JSON.stringify(report)));
    if (reply.outcome !== 'stored') {
      this.credentials.forget(agent.clusterId);
      throw reply.outcome === 'deleted' ? clusterDeleted() : secretRevoked();
    }
    return { commands: reply.commands };
  }
}
