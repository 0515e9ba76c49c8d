import type { FastifyReply, FastifyRequest } from 'fastify';
import { bootstrapService, createLogger, runMain } from '@clusterplane/platform';
import { AgentCredentials } from './agent/agent-credentials.service';
import { registerAgentReportRoute } from './agent/agent-report.route';
import { StatusReportForwarder } from './agent/status-report-forwarder.service';
import { answerClientError } from './errors/client-error-responder';
import { sendError } from './errors/error-responder';
import { loadGatewayConfig } from './gateway.config';
import { registerBullBoard } from './ops/bull-board.plugin';
import { registerJsonBodyParser } from './security/json-body-parser';
import { addSecurityHeaders } from './security/security-headers';
import { refuseUnstorableText } from './validation/storable-text';
import { GatewayModule } from './gateway.module';

runMain(async () => {
  const config = loadGatewayConfig();
  const logger = createLogger(config.service, config.logLevel);
  const answerError = (error: unknown, request: FastifyRequest, reply: FastifyReply) => sendError(logger, request, reply, error);
  await bootstrapService({
    config,
    logger,
    module: GatewayModule.create(config, logger),
    // The gateway parses bodies itself (JSON only, bounded depth): see registerJsonBodyParser.
    bodyParser: false,
    // A URL Fastify cannot route, or a request Node cannot parse, is answered in its dialect too.
    frameworkErrors: answerError,
    clientErrorHandler: answerClientError,
    // Errors raised before a route handler runs (bad JSON, oversized body), and in the plain
    // Fastify routes, get the same dialect-shaped answer as errors inside a Nest route.
    errorHandler: answerError,
    configure: async (app) => {
      const fastify = app.getHttpAdapter().getInstance();
      registerJsonBodyParser(fastify);
      addSecurityHeaders(fastify);
      refuseUnstorableText(fastify);
      await registerAgentReportRoute(app, { credentials: app.get(AgentCredentials), forwarder: app.get(StatusReportForwarder) });
      await registerBullBoard(app, (request, reply, error) => answerError(error, request, reply));
    },
  });
});
