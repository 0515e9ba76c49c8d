import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, fromErrorEnvelope, parseInput, type AgentCommand } from '@clusterplane/contracts';
import { clusterUuidParams } from '../runai/runai.schemas';
import { registerRawJsonBodyParser } from '../security/json-body-parser';
import type { AgentCredentials } from './agent-credentials.service';
import type { StatusReportForwarder } from './status-report-forwarder.service';

export const AGENT_REPORT_ROUTE = '/api/v1/agent/clusters/:clusterUuid/status';

/**
 * Run:ai's error body has only a free-text `details`; `command: uninstall` in it tells the
 * agent of a deleted cluster to remove itself and stop reporting.
 */
const clusterDeleted = () => new AppError('not_found', 'cluster was deleted; uninstall the agent', [{ field: 'command', message: 'uninstall' }]);
const secretRevoked = () => new AppError('unauthenticated', 'client secret was revoked');
const bodyMissing = () => AppError.invalid('a report body is required (application/json)');

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
 * interceptors. Its body goes to the status service unparsed, which parses and validates it
 * once (AgentReportBodyParser) and answers a bad one with the 400 to send. What every route
 * shares still applies, from the instance's hooks and error handler: the correlation id, the
 * request metrics, the security headers, the body limit and the Run:ai error body.
 */
export async function registerAgentReportRoute(app: NestFastifyApplication, { credentials, forwarder }: AgentReportRouteDeps): Promise<void> {
  await app.register(async (scope: FastifyInstance) => {
    registerRawJsonBodyParser(scope);
    scope.post(AGENT_REPORT_ROUTE, async (request: FastifyRequest): Promise<{ commands: AgentCommand[] }> => {
      const { clusterUuid } = parseInput(clusterUuidParams, request.params, 'path');
      const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!presented) throw new AppError('unauthenticated', 'missing client secret');
      const agent = await credentials.authenticate(clusterUuid, presented);
      if (!agent) throw new AppError('unauthenticated', 'invalid client secret');
      if (agent.deleted) throw clusterDeleted();
      if (agent.revoked) throw secretRevoked();
      if (!Buffer.isBuffer(request.body)) throw bodyMissing();
      const { clusterId, tenantId, secretVersion } = agent;
      const reply = await forwarder.forward({ clusterId, tenantId, secretVersion, receivedAt: new Date().toISOString(), body: request.body });
      if (reply.outcome === 'invalid') throw fromErrorEnvelope(reply.refusal);
      if (reply.outcome !== 'stored') {
        credentials.forget(agent.clusterId);
        throw reply.outcome === 'deleted' ? clusterDeleted() : secretRevoked();
      }
      return { commands: reply.commands };
    });
  });
}
