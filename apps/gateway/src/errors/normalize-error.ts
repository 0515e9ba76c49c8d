import { HttpException } from '@nestjs/common';
import { AppError, type ErrorCode } from '@clusterplane/contracts';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'already_exists',
  413: 'payload_too_large',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'unavailable',
  504: 'deadline_exceeded',
};

const BODY_TOO_LARGE = 'request body is larger than 1 MiB';
const UNSUPPORTED_MEDIA_TYPE = 'unsupported content type; send application/json';

/** Messages of framework errors we pass on; anything else is replaced, never leaked. */
const CLIENT_SAFE_FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request body is not valid JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request body is empty but the content type is JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: BODY_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_BAD_URL: 'the URL is not valid: a malformed percent-encoding',
  FST_ERR_MAX_PARAM_LENGTH: 'a path segment is longer than 100 characters',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'content-length does not match the body',
};

/**
 * Nest re-throws Fastify's own errors (raised while the body is read, before any route code)
 * as HttpException(fastify's message, status); these statuses get our wording instead.
 */
const SAFE_MESSAGE_BY_STATUS: Record<number, string> = {
  404: 'route not found',
  413: BODY_TOO_LARGE,
  415: UNSUPPORTED_MEDIA_TYPE,
};

/**
 * Turns anything thrown while handling a request into an AppError. Returns null for an
 * unexpected error (a 5xx), which the caller logs with an error id and hides from the client.
 */
export function normalizeError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status >= 500) return null;
    return new AppError(CODE_BY_STATUS[status] ?? 'invalid_argument', SAFE_MESSAGE_BY_STATUS[status] ?? error.message, [], status);
  }
  const fastifyError = error as { statusCode?: number; code?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    const message = (fastifyError.code && CLIENT_SAFE_FASTIFY_CODES[fastifyError.code]) ?? 'bad request';
    return new AppError(CODE_BY_STATUS[status] ?? 'invalid_argument', message, [], status);
  }
  return null;
}
