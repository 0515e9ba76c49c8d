import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type AgentCommand } from '@clusterplane/contracts';
import { clusterUuidParams } from '../runai/runai.schemas';
import { parseInput } from '../validation/parse-input';
import type { AgentCredentials } from './agent-credentials.service';
import { AgentReportValidator } from './agent-report-validator';
import type { StatusReportForwarder } from './status-report-forwarder.service';

export const AGENT_REPORT_ROUTE = '/api/v1/agent/clusters/:clusterUuid/status';

/**
 * Run:ai's error body has only a free-text `details`; `command: uninstall` in it tells the
 * agent of a deleted cluster to remove itself and stop reporting.
 */
const clusterDeleted = () => new AppError('not_found', 'cluster was deleted; uninstall the agent', [{ field: 'command', message: 'uninstall' }]);
const secretRevoked = () => new AppError('unauthenticated', 'client secret was revoked');

export interface AgentReportRouteDeps {
  credentials: AgentCredentials;
  forwarder: StatusReportForwarder;
}

/**
 * The agent protocol (SPEC section 6). Agents authenticate with their cluster's client secret,
 * not a user token; the answer, sent once the report is stored, carries commands such as
 * `uninstall`, which the agent acknowledges in the `acks` of a later report.
 *
 * Every agent calls this every few seconds, so it is a plain Fastify route rather than a Nest
 * controller: no guard (it is public: the client secret is checked here), no pipes, no
 * interceptors. What every route shares still applies, from the instance's hooks and error
 * handler: the correlation id, the request metrics, the security headers and the Run:ai error
 * body for anything thrown here or while the body is read.
 */
export function registerAgentReportRoute(fastify: FastifyInstance, { credentials, forwarder }: AgentReportRouteDeps): void {
  const validator = new AgentReportValidator();
  fastify.post(AGENT_REPORT_ROUTE, async (request: FastifyRequest): Promise<{ commands: AgentCommand[] }> => {
    const { clusterUuid } = parseInput(clusterUuidParams, request.params, 'path');
    const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!presented) throw new AppError('unauthenticated', 'missing client secret');
    const agent = await credentials.authenticate(clusterUuid, presented);
    if (!agent) throw new AppError('unauthenticated', 'invalid client secret');
    if (agent.deleted) throw clusterDeleted();
    if (agent.revoked) throw secretRevoked();
    const report = validator.parse(request.body);
    const forwarded = { clusterId: agent.clusterId, tenantId: agent.tenantId, secretVersion: agent.secretVersion, receivedAt: new Date().toISOString(), report };
    // The size decides how many reports share one NATS message; a chunked body is measured.
    const reply = await forwarder.forward(forwarded, Number(request.headers['content-length']) || Buffer.byteLength(JSON.stringify(report)));
    if (reply.outcome !== 'stored') {
      credentials.forget(agent.clusterId);
      throw reply.outcome === 'deleted' ? clusterDeleted() : secretRevoked();
    }
    return { commands: reply.commands };
  });
}
