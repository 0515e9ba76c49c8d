import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { AppError } from '@clusterplane/contracts';
import { BUS_RETRY_AFTER_SECONDS } from '@clusterplane/messaging';
import { renderError } from './dialect-error-renderer';
import { normalizeError } from './normalize-error';

/**
 * The one place an error becomes an HTTP answer, for Nest's filter and Fastify's own errors
 * alike. Unexpected errors are logged with an error id and answered without internals.
 */
export function sendError(logger: Logger, request: FastifyRequest, reply: FastifyReply, error: unknown): void {
  let appError = normalizeError(error);
  let errorId: string | undefined;
  if (!appError) {
    errorId = randomUUID();
    logger.error({ err: error, errorId, method: request.method, url: request.url }, 'unhandled error');
    appError = new AppError('internal', 'internal error');
  } else if (appError.httpStatus >= 500) {
    logger.warn({ code: appError.code, message: appError.message, url: request.url }, 'request failed');
  }
  const rendered = renderError(request.url, appError, errorId, BUS_RETRY_AFTER_SECONDS);
  void reply.status(rendered.status).headers(rendered.headers).send(rendered.body);
}
