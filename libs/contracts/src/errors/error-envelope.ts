import { z } from 'zod';
import { AppError } from './app-error';
import { ERROR_HTTP_STATUS, type ErrorCode } from './error-code';

export const errorEnvelopeSchema = z.object({
  code: z.enum(Object.keys(ERROR_HTTP_STATUS) as [ErrorCode, ...ErrorCode[]]),
  httpStatus: z.number().int().min(400).max(599),
  message: z.string(),
  details: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
  errorId: z.string().optional(),
});

export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export function toErrorEnvelope(error: AppError, errorId?: string): ErrorEnvelope {
  return { code: error.code, httpStatus: error.httpStatus, message: error.message, details: error.details, errorId };
}

export function fromErrorEnvelope(envelope: ErrorEnvelope): AppError {
  return new AppError(envelope.code, envelope.message, envelope.details ?? [], envelope.httpStatus);
}
