import type { z } from 'zod';
import { AppError } from '../errors/app-error';

/**
 * Validates request input; the error names every failing field and why. No body at all reads
 * as `{}`; a JSON `null` is a body, and is refused where an object is expected.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'path'): z.output<S> {
  const result = schema.safeParse(value === undefined ? {} : value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ field: issue.path.join('.') || where, message: issue.message }));
  const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
  throw new AppError('invalid_argument', `invalid ${where}: ${summary}`, details);
}
