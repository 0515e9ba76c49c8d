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
}

const detailsText = (error: AppError): string | undefined =>
  error.details.length > 0 ? error.details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join('; ') : undefined;

/** Run:ai's `Error` schema: `{code, message, details?}` with `details` a string. */
const runaiBody = (error: AppError, errorId?: string): Record<string, unknown> => {
  const details = [detailsText(error), errorId ? `error id ${errorId}` : undefined].filter(Boolean).join('; ');
  return { code: error.httpStatus, message: error.message, ...(details ? { details } : {}) };
};

/** Longest prefix first; each dialect renders every error of its routes in its own shape. */
const RENDERERS: DialectErrorRenderer[] = [{ prefix: '/api/v1/', body: runaiBody }];

export function renderError(url: string, error: AppError, errorId?: string, retryAfterSeconds?: number): RenderedError {
  const renderer = RENDERERS.find((r) => url.startsWith(r.prefix));
  const body = (renderer?.body ?? runaiBody)(error, errorId);
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined && (error.httpStatus === 503 || error.httpStatus === 429)) headers['retry-after'] = String(retryAfterSeconds);
  return { status: error.httpStatus, body, headers };
}
