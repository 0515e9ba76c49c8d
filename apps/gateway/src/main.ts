import { bootstrapService, createLogger, runMain } from '@clusterplane/platform';
import { sendError } from './errors/error-responder';
import { loadGatewayConfig } from './gateway.config';
import { registerBullBoard } from './ops/bull-board.plugin';
import { GatewayModule } from './gateway.module';

runMain(async () => {
  const config = loadGatewayConfig();
  const logger = createLogger(config.service, config.logLevel);
  await bootstrapService({
    config,
    logger,
    module: GatewayModule.create(config, logger),
    configure: async (app) => {
      // Errors raised before a route handler runs (bad JSON, oversized body) get the same
      // dialect-shaped answer as errors inside it.
      const fastify = app.getHttpAdapter().getInstance();
      fastify.setErrorHandler((error, request, reply) => sendError(logger, request, reply, error));
      fastify.addHook('onSend', async (_request, reply, payload) => {
        reply.header('x-content-type-options', 'nosniff');
        reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
        return payload;
      });
      await registerBullBoard(app, (request, reply, error) => sendError(logger, request, reply, error));
    },
  });
});
