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
 * In JSON text a NUL or a surrogate can only be written as a `\u` escape: raw control
 * characters are invalid JSON, and text decoded from UTF-8 holds no lone surrogates. A body
 * whose text has no such escape is storable without walking what it parsed to. (An escaped
 * backslash before `u0000` also matches; such a body is merely walked.)
 */
const UNSTORABLE_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;
const storableBodies = new WeakSet<object>();

/** The JSON body parser's note that `body`, parsed from `text`, needs no walk if nothing in `text` could be unstorable. */
export function noteParsedBody(text: string, body: unknown): void {
  if (typeof body === 'object' && body !== null && !UNSTORABLE_ESCAPE.test(text)) storableBodies.add(body);
}

/**
 * Refuses, before any route code, a request whose path parameters, query or body carry text
 * that cannot be stored: 400 (TrueFoundry 422) naming the field, instead of a database error.
 */
export function refuseUnstorableText(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    const body = typeof request.body === 'object' && request.body !== null && storableBodies.has(request.body) ? undefined : request.body;
    const parts: ['path' | 'query' | 'body', unknown][] = [
      ['path', request.params],
      ['query', request.query],
      ['body', body],
    ];
    for (const [where, value] of parts) {
      const field = unstorableTextField(value);
      if (field !== null) {
        done(AppError.invalid(`invalid ${where}: ${field || where}: ${MESSAGE}`, [{ field: field || where, message: MESSAGE }]));
        return;
      }
    }
    done();
  });
}
