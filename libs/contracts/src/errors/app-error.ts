import { ERROR_HTTP_STATUS, type ErrorCode } from './error-code';

export interface ErrorDetail {
  field?: string;
  message: string;
}

/**
 * The one error type that crosses layers: services throw it, the command bus carries it
 * as an envelope, and the gateway renders it in the dialect's body.
 */
export class AppError extends Error {
  readonly httpStatus: number;
  /** When a 429 or 503 may be retried; sent as `Retry-After`. */
  retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    httpStatus?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.httpStatus = httpStatus ?? ERROR_HTTP_STATUS[code];
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} not found`);
  }

  static invalid(message: string, details: ErrorDetail[] = []): AppError {
    return new AppError('invalid_argument', message, details);
  }

  static rateLimited(message: string, retryAfterSeconds: number): AppError {
    const error = new AppError('rate_limited', message);
    error.retryAfterSeconds = retryAfterSeconds;
    return error;
  }
}
