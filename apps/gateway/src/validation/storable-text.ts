import type { FastifyInstance } from 'fastify';
import { AppError } from '@clusterplane/contracts';

/**
 * Postgres text cannot hold a NUL character and its JSON cannot hold an unpaired UTF-16
 * surrogate: a value carrying either could never be stored, and would fail inside a query.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string): boolean => text.includes('\u0000') || LONE_SURROGATE.test(text);
const MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';
/** The body parser bounds nesting; this only keeps the walk itself bounded. */
const MAX_DEPTH = 256;

/**
 * The keys leading to the first string, or object key, in `value` that cannot be stored
 * (innermost last); [] when `value` itself is such a string; null when everything can be
 * stored. It runs on every request, so it allocates nothing until it finds something.
 */
function unstorablePath(value: unknown, depth: number): string[] | null {
  if (typeof value === 'string') return unstorable(value) ? [] : null;
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return null;
  for (const key of Object.keys(value)) {
    if (unstorable(key)) return [key];
    const found = unstorablePath((value as Record<string, unknown>)[key], depth + 1);
    if (found !== null) {
      found.unshift(key);
      return found;
    }
  }
  return null;
}

/**
 * The path (`a.b.0`) of the first string, or object key, in `value` that cannot be stored;
 * '' when `value` itself is such a string; null when everything can be stored.
 */
export function unstorableTextField(value: unknown): string | null {
  return unstorablePath(value, 0)?.join('.') ?? null;
}

/**
 * Refuses, before any route code, a request whose path parameters, query or body carry text
 * that cannot be stored: 400 (TrueFoundry 422) naming the field, instead of a database error.
 */
export function refuseUnstorableText(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', async (request) => {
    const parts: ['path' | 'query' | 'body', unknown][] = [
      ['path', request.params],
      ['query', request.query],
      ['body', request.body],
    ];
    for (const [where, value] of parts) {
      const field = unstorableTextField(value);
      if (field !== null) throw AppError.invalid(`invalid ${where}: ${field || where}: ${MESSAGE}`, [{ field: field || where, message: MESSAGE }]);
    }
  });
}
