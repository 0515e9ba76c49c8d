import type { AppError } from '@clusterplane/contracts';

export interface RenderedError {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

interface DialectErrorRenderer {
  /** Path prefix of the dialect's routes. */
  prefix: string;
  body(error: AppError, errorId?: string): Record<string, unknown>;
  /** The dialect's status for an error, when it differs from the error's own. */
  status?(error: AppError): number;
}

const detailsText = (error: AppError): string | undefined =>
  error.details.length > 0 ? error.details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join('; ') : undefined;

/** Run:ai's `Error` schema: `{code, message, details?}` with `details` a string. */
const runaiBody = (error: AppError, errorId?: string): Record<string, unknown> => {
  const details = [detailsText(error), errorId ? `error id ${errorId}` : undefined].filter(Boolean).join('; ');
  return { code: error.httpStatus, message: error.message, ...(details ? { details } : {}) };
};

/** Fluidstack's body is `{message}` alone, so the error id of a 5xx goes into the message. */
const fluidstackBody = (error: AppError, errorId?: string): Record<string, unknown> => ({
  message: errorId ? `${error.message} (error id ${errorId})` : error.message,
});

/** TrueFoundry's `HttpError {statusCode, message, code, details}`; details are objects. */
const truefoundryBody = (error: AppError, errorId?: string): Record<string, unknown> => ({
  statusCode: truefoundryStatus(error),
  message: error.message,
  code: error.code,
  details: [...error.details.map((d) => ({ ...d })), ...(errorId ? [{ errorId }] : [])],
});

/**
 * TrueFoundry answers validation errors with 422 (SPEC section 8). A validation error names
 * its fields; a framing error (malformed JSON, wrong content type) names none and stays 400.
 */
const truefoundryStatus = (error: AppError): number => (error.code === 'invalid_argument' && error.details.length > 0 ? 422 : error.httpStatus);

/**
 * Fireworks' google.rpc.Status style `{code, message, details[]}` with `code` the HTTP status:
 * field problems as a `BadRequest`, the error id of a 5xx as a `RequestInfo`.
 */
const fireworksBody = (error: AppError, errorId?: string): Record<string, unknown> => ({
  code: error.httpStatus,
  message: error.message,
  details: [
    ...(error.details.length > 0
      ? [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: error.details.map((d) => ({ field: d.field ?? '', description: d.message })) }]
      : []),
    ...(errorId ? [{ '@type': 'type.googleapis.com/google.rpc.RequestInfo', requestId: errorId }] : []),
  ],
});

/** Longest prefix first; each dialect renders every error of its routes in its own shape. */
const RENDERERS: DialectErrorRenderer[] = [
  { prefix: '/api/v1alpha1/', body: fluidstackBody },
  { prefix: '/api/v1/', body: runaiBody },
  { prefix: '/api/svc/', body: truefoundryBody, status: truefoundryStatus },
  { prefix: '/v1/accounts/', body: fireworksBody },
];

export function renderError(url: string, error: AppError, errorId?: string, retryAfterSeconds?: number): RenderedError {
  const renderer = RENDERERS.find((r) => url.startsWith(r.prefix));
  const body = (renderer?.body ?? runaiBody)(error, errorId);
  const status = renderer?.status?.(error) ?? error.httpStatus;
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined && (status === 503 || status === 429)) headers['retry-after'] = String(retryAfterSeconds);
  return { status, body, headers };
}
