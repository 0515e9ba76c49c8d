import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';
import type { BaseConfig } from '../config/base-config';
import { acceptCorrelationId, CORRELATION_HEADER, runWithCorrelation } from '../logging/correlation';
import { NestPinoLogger } from '../logging/nest-logger';
import { MetricsRegistry } from '../metrics/metrics-registry';

type FastifyErrorHandler = Parameters<FastifyInstance['setErrorHandler']>[0];

/**
 * Nest sets its own Fastify error handler while it initialises, after the service has added its
 * routes; a route keeps the handler in force when it was added, and Fastify warns when a scope's
 * handler is set twice. With `errorHandler` given, it is set once, at once, and Nest's is not.
 */
class ServiceFastifyAdapter extends FastifyAdapter {
  constructor(options: FastifyServerOptions, private readonly errorHandler?: FastifyErrorHandler) {
    super(options);
    if (errorHandler) this.getInstance().setErrorHandler(errorHandler);
  }

  override setErrorHandler(handler: Parameters<FastifyAdapter['setErrorHandler']>[0]) {
    return this.errorHandler ? this.getInstance() : super.setErrorHandler(handler);
  }
}

export interface ServiceBootstrapOptions {
  config: BaseConfig;
  logger: Logger;
  module: unknown;
  bodyLimitBytes?: number;
  /** false: the service registers its own content-type parsers instead of Nest's. */
  bodyParser?: boolean;
  /**
   * Answers for what Fastify rejects before any route or error handler runs: a URL it cannot
   * decode or a parameter over its length (`frameworkErrors`), a request Node's parser refused
   * (`clientErrorHandler`).
   */
  frameworkErrors?: FastifyServerOptions['frameworkErrors'];
  clientErrorHandler?: FastifyServerOptions['clientErrorHandler'];
  /**
   * Fastify's error handler for errors raised outside a Nest route (body parsing, hooks, plain
   * Fastify routes), installed before any route is added, in place of the one Nest installs.
   */
  errorHandler?: FastifyErrorHandler;
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
  const adapter = new ServiceFastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    logger: false,
    // The gateway sits on loopback by default; behind a proxy set HTTP_HOST and a trusted proxy.
    trustProxy: false,
    return503OnClosing: true,
    ...(options.frameworkErrors ? { frameworkErrors: options.frameworkErrors } : {}),
    ...(options.clientErrorHandler ? { clientErrorHandler: options.clientErrorHandler } : {}),
  }, options.errorHandler);
  const app = await NestFactory.create<NestFastifyApplication>(options.module as never, adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
    bodyParser: options.bodyParser ?? true,
  });

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsRegistry);
  // What the service answers, as Fastify registered it (framework and plugin routes included):
  // logged once at debug level, so an operator or a test can compare it with the API description.
  const routes: string[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
  });
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
  logger.debug({ routes }, 'routes registered');
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
