import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import type { BaseConfig } from '../config/base-config';
import { acceptCorrelationId, CORRELATION_HEADER, runWithCorrelation } from '../logging/correlation';
import { NestPinoLogger } from '../logging/nest-logger';
import { MetricsRegistry } from '../metrics/metrics-registry';

export interface ServiceBootstrapOptions {
  config: BaseConfig;
  logger: Logger;
  module: unknown;
  bodyLimitBytes?: number;
  /** Last chance to add hooks or filters before the service listens. */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/**
 * Starts a service the same way everywhere: Nest on Fastify, correlation id per request,
 * request metrics, ordered shutdown on SIGTERM/SIGINT (HTTP stops first, then each module's
 * shutdown hook drains NATS, closes workers and disconnects Postgres).
 */
export async function bootstrapService(options: ServiceBootstrapOptions): Promise<NestFastifyApplication> {
  const { config, logger } = options;
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    logger: false,
    // The gateway sits on loopback by default; behind a proxy set HTTP_HOST and a trusted proxy.
    trustProxy: false,
    return503OnClosing: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(options.module as never, adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsRegistry);
  fastify.addHook('onRequest', (request, reply, done) => {
    const correlationId = acceptCorrelationId(request.headers[CORRELATION_HEADER]);
    reply.header(CORRELATION_HEADER, correlationId);
    runWithCorrelation(correlationId, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });

  await options.configure?.(app);
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  installShutdownDeadline(config, logger);
  await app.listen(config.httpPort, config.httpHost);
  logger.info({ url: await app.getUrl() }, `${config.service} listening`);
  return app;
}

/** If graceful shutdown hangs (a stuck job, a dead broker), exit anyway after the deadline. */
function installShutdownDeadline(config: BaseConfig, logger: Logger): void {
  const arm = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'graceful shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}
