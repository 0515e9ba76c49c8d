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
  // The path only: a query may carry a credential (`/ops/queues?token=`).
  const path = request.url.split('?')[0];
  let appError = normalizeError(error);
  let errorId: string | undefined;
  // An `internal` AppError names what went wrong inside (a malformed reply, a broken
  // invariant): it is logged like any unexpected error and answered just as generically.
  if (!appError || appError.code === 'internal') {
    errorId = randomUUID();
    logger.error({ err: error, errorId, method: request.method, path }, 'unhandled error');
    appError = new AppError('internal', 'internal error');
  } else if (appError.httpStatus >= 500) {
    logger.warn({ code: appError.code, message: appError.message, path }, 'request failed');
  }
  const rendered = renderError(request.url, appError, errorId, appError.retryAfterSeconds ?? BUS_RETRY_AFTER_SECONDS);
  void reply.status(rendered.status).headers(rendered.headers).send(rendered.body);
}
