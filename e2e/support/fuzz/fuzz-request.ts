import type { OperationModel } from './openapi-operations';

/** What is sent: the path is raw (encoded as the case means it), headers may repeat. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[]>;
  /** Built when sent, so a case of a megabyte costs nothing until then. */
  body?: string | (() => string);
}

/** What the answer must be beyond "not a 5xx", and why. */
export interface Expectation {
  statuses: readonly number[];
  /** A field the error must name. */
  mentions?: string;
}

export interface FuzzCase {
  operation: string;
  /** `valid`, or the kind of bad input. */
  kind: string;
  request: FuzzRequest;
  expect?: Expectation;
  /** Removes a row the other cases address: sent after them. */
  destructive?: boolean;
}

/** A request to an operation before it is rendered: raw values, encoded by `render`. */
export interface RequestParts {
  pathValues: string[];
  query: [string, string][];
  headers: Record<string, string | string[]>;
  /** The JSON body (undefined: none). */
  body?: unknown;
}

export const CLIENT_ERRORS: readonly number[] = Array.from({ length: 100 }, (_, i) => 400 + i);
export const BAD_INPUT = [400, 422];

/** Percent-encodes any text, even a lone surrogate `encodeURIComponent` refuses (as its UTF-8 bytes). */
export function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
}

export function renderPath(operation: OperationModel, values: readonly string[], encoded = true): string {
  let index = 0;
  return operation.template.replace(/\{[^}]+\}/g, () => {
    const value = values[index++] ?? '';
    return encoded ? encode(value) : value;
  });
}

export function renderQuery(query: readonly [string, string][]): string {
  return query.length === 0 ? '' : `?${query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}`;
}

export function render(operation: OperationModel, parts: RequestParts): FuzzRequest {
  const headers = { ...parts.headers };
  if (parts.body !== undefined) headers['content-type'] = 'application/json';
  return {
    method: operation.method,
    path: `${renderPath(operation, parts.pathValues)}${renderQuery(parts.query)}`,
    headers,
    body: parts.body === undefined ? undefined : JSON.stringify(parts.body),
  };
}

/** Node refuses a request head (request line and headers) over this, and may close at once. */
export const MAX_HEAD_BYTES = 16 * 1024;

export function headBytes(request: FuzzRequest): number {
  return request.method.length + request.path.length + Object.entries(request.headers).reduce((sum, [name, value]) => sum + [value].flat().reduce((n, v) => n + name.length + Buffer.byteLength(v) + 4, 0), 0);
}

/** A short, replayable description of a request: long values cut, so a failure prints small. */
export function describeRequest(request: FuzzRequest, limit = 300): string {
  const cut = (text: string) => (text.length > limit ? `${text.slice(0, limit)}… (${text.length} chars)` : text);
  const body = typeof request.body === 'function' ? request.body() : request.body;
  const headers = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${cut(JSON.stringify(value))}`)
    .join(', ');
  return `${request.method} ${cut(request.path)} {${headers}}${body === undefined ? '' : ` body ${cut(JSON.stringify(body))}`}`;
}
