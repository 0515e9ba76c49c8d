import { AppError } from '../errors/app-error';

/**
 * Postgres text cannot hold a NUL character and its JSON cannot hold an unpaired UTF-16
 * surrogate: a value carrying either could never be stored, and would fail inside a query.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string): boolean => text.includes('\u0000') || LONE_SURROGATE.test(text);
export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';
/** Input is nested a bounded number of levels before it gets here; this only bounds the walk itself. */
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
 * characters are invalid JSON, and text decoded from UTF-8 holds no lone surrogates. What is
 * parsed from a text without such an escape is storable without a walk. (An escaped
 * backslash before `u0000` also matches; such a value is merely walked.)
 */
const UNSTORABLE_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;
export const jsonTextMayHoldUnstorableText = (text: string): boolean => UNSTORABLE_ESCAPE.test(text);

/** The 400 (TrueFoundry 422) naming the field of `where` (path, query, body) that holds unstorable text. */
export function unstorableTextError(where: string, field: string): AppError {
  const named = field || where;
  return AppError.invalid(`invalid ${where}: ${named}: ${UNSTORABLE_TEXT_MESSAGE}`, [{ field: named, message: UNSTORABLE_TEXT_MESSAGE }]);
}
