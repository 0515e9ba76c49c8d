import fc from 'fast-check';
import { BAD_INPUT, CLIENT_ERRORS, encode, render, renderPath, renderQuery, type Expectation, type FuzzRequest, type RequestParts } from './fuzz-request';
import type { OperationModel } from './openapi-operations';
import { flatten, type ResolveRef, type Schema } from './schema-values';

type Json = Record<string, unknown>;

/** One kind of bad input: where it applies and the requests it makes from a valid one. */
export interface BadInput {
  name: string;
  applies(operation: OperationModel, resolve: ResolveRef): boolean;
  cases(operation: OperationModel, parts: RequestParts, resolve: ResolveRef): fc.Arbitrary<{ request: FuzzRequest; expect?: Expectation }>;
}

const MIB = 1024 * 1024;
const hasBody = (o: OperationModel) => o.body !== undefined;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** Strings no field should choke on. */
const JUNK_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Egnp.exe',
  '👩‍👩‍👧‍👦🚀',
  '\uD800',
  '\uFEFFname',
  'é'.repeat(40),
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  "' OR 1=1 --",
  '{{7*7}}${7*7}',
  '${jndi:ldap://127.0.0.1/x}',
  '<script>alert(1)</script>',
  '\r\nX-Injected: 1',
  'null',
  '-1',
  '1e309',
  'x'.repeat(70_000),
];

/** Any code points, lone surrogates and controls included (cheaper than fc.string's binary unit). */
const ANY_CODE_POINTS = fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 40 }).map((codes) => String.fromCodePoint(...codes));

/** Values of every JSON type, to put where another type belongs. */
const ANY_JSON: unknown[] = ['text', 0, -1, 1.5, true, false, null, [], [1, 'a'], {}, { nested: { deeper: true } }];

const jsonTypeOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value);

/** Whether a value of this JSON type is one the schema's type allows. */
function typeFits(schema: Schema, value: unknown): boolean {
  const type = schema['type'];
  const actual = jsonTypeOf(value);
  if (actual === 'null') return schema['nullable'] === true || type === undefined;
  if (type === undefined) return true;
  if (type === 'number') return actual === 'integer' || actual === 'number';
  return type === actual;
}

interface Field {
  path: string[];
  schema: Schema;
  required: boolean;
}

const fieldsSeen = new WeakMap<Schema, Field[]>();

/** The writable fields of a body schema, top level and one level down (computed once per schema). */
function fieldsOf(body: Schema, resolve: ResolveRef): Field[] {
  let fields = fieldsSeen.get(body);
  if (!fields) {
    fields = collectFields(body, resolve);
    fieldsSeen.set(body, fields);
  }
  return fields;
}

function collectFields(body: Schema, resolve: ResolveRef, prefix: string[] = [], depth = 0): Field[] {
  const schema = flatten(body, resolve);
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set((schema['required'] as string[] | undefined) ?? []);
  return Object.entries(properties).flatMap(([name, raw]) => {
    const property = flatten(raw, resolve);
    if (property['readOnly'] === true) return [];
    const field = { path: [...prefix, name], schema: property, required: required.has(name) };
    return depth === 0 && property['type'] === 'object' ? [field, ...collectFields(property, resolve, field.path, depth + 1)] : [field];
  });
}

function setAt(body: Json, path: string[], value: unknown): Json {
  const copy = clone(body);
  let node: Json = copy;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Json;
  }
  node[path[path.length - 1]!] = value;
  return copy;
}

function deleteAt(body: Json, path: string[]): Json {
  const copy = clone(body);
  const parent = path.slice(0, -1).reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), copy);
  if (isObject(parent)) delete parent[path[path.length - 1]!];
  return copy;
}

const baseObject = (parts: RequestParts): Json => (isObject(parts.body) ? parts.body : {});
const withBody = (operation: OperationModel, parts: RequestParts, body: unknown) => render(operation, { ...parts, body });
/** A body sent as written; `contentType` null sends none. */
const withRawBody = (operation: OperationModel, parts: RequestParts, body: FuzzRequest['body'], contentType: string | null = 'application/json'): FuzzRequest => {
  const request = render(operation, { ...parts, body: undefined });
  return { ...request, headers: { ...request.headers, ...(contentType === null ? {} : { 'content-type': contentType }) }, body };
};

/**
 * A field's bad value is 400 (TrueFoundry 422) naming the field. Where the body schema requires
 * nothing and the operation is not a PATCH, the body is a union the path picks from (TrueFoundry's
 * tenant config item), so a field may rightly be ignored: only "not a 5xx" holds there.
 */
const badField = (operation: OperationModel, field: Field, resolve: ResolveRef): Expectation | undefined => {
  const required = (flatten(operation.body!, resolve)['required'] as string[] | undefined) ?? [];
  if (required.length === 0 && operation.method !== 'PATCH') return undefined;
  return { statuses: BAD_INPUT, mentions: field.path[field.path.length - 1] };
};

/** A value the field's constraints refuse, if the field has any. */
function outOfRange(schema: Schema): unknown[] {
  const values: unknown[] = [];
  if (schema['type'] === 'integer' || schema['type'] === 'number') {
    if (typeof schema['minimum'] === 'number') values.push(schema['minimum'] - 1, -1e308);
    if (typeof schema['maximum'] === 'number') values.push(schema['maximum'] + 1, 1e308, Number.MAX_SAFE_INTEGER + 2);
    if (schema['type'] === 'integer' && (typeof schema['minimum'] === 'number' || typeof schema['maximum'] === 'number')) values.push(((schema['minimum'] as number) ?? 0) + 0.5);
  }
  if (schema['type'] === 'string') {
    if (typeof schema['maxLength'] === 'number') values.push('x'.repeat(schema['maxLength'] + 1), 'y'.repeat(Math.max(schema['maxLength'] * 4, 5000)));
    if (typeof schema['minLength'] === 'number' && schema['minLength'] > 0) values.push('x'.repeat(schema['minLength'] - 1));
  }
  if (schema['type'] === 'array' && typeof schema['maxItems'] === 'number') values.push(Array.from({ length: schema['maxItems'] + 1 }, (_, i) => `item-${i}`));
  return values;
}

/** Strings the field's pattern, format or enum refuses. */
const constrained = (schema: Schema) => schema['type'] === 'string' && (typeof schema['pattern'] === 'string' || ['uuid', 'date-time', 'date', 'byte'].includes(schema['format'] as string) || Array.isArray(schema['enum']));

/** Whether the string's pattern, format or enum refuses the value (junk such as `null` fits some patterns). */
function refused(schema: Schema, value: string): boolean {
  if (Array.isArray(schema['enum'])) return !schema['enum'].includes(value);
  if (typeof schema['pattern'] === 'string') return !new RegExp(schema['pattern']).test(value);
  // A run of letters is base64 too.
  if (schema['format'] === 'byte') return !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0;
  return value.trim().length > 0;
}

function deepNesting(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const fieldArbitrary = (operation: OperationModel, resolve: ResolveRef, filter: (field: Field) => boolean) => fc.constantFrom(...fieldsOf(operation.body!, resolve).filter(filter));
const hasField = (filter: (field: Field) => boolean) => (operation: OperationModel, resolve: ResolveRef) => hasBody(operation) && fieldsOf(operation.body!, resolve).some(filter);

/** Every kind of bad input the fuzzer sends (SPEC section 8). */
export const BAD_INPUTS: BadInput[] = [
  {
    name: 'malformed JSON',
    applies: hasBody,
    cases: (o, p) =>
      fc
        .constantFrom('{', '{"name":', "{'name':'x'}", '{"a":1,}', '[1,2', '{"a":1}}', 'nul', '{"a":"\u0000', '\u00ff\u00fe{}', '{"a":01}', '{"a":NaN}', '{"a":"\\u12"}')
        .map((text) => ({ request: withRawBody(o, p, text), expect: { statuses: [400] } })),
  },
  {
    name: 'empty JSON body',
    applies: hasBody,
    cases: (o, p) => fc.constant({ request: withRawBody(o, p, ''), expect: { statuses: [400] } }),
  },
  {
    name: 'body of the wrong JSON type',
    applies: hasBody,
    cases: (o, p) => fc.constantFrom(null, 'text', 42, true, [], [p.body]).map((body) => ({ request: withBody(o, p, body), expect: { statuses: BAD_INPUT } })),
  },
  {
    name: 'field of the wrong type',
    applies: hasField((f) => f.schema['type'] !== undefined),
    cases: (o, p, resolve) =>
      fieldArbitrary(o, resolve, (f) => f.schema['type'] !== undefined).chain((field) =>
        fc.constantFrom(...ANY_JSON.filter((value) => !typeFits(field.schema, value))).map((value) => ({ request: withBody(o, p, setAt(baseObject(p), field.path, value)), expect: badField(o, field, resolve) })),
      ),
  },
  {
    name: 'required field missing',
    applies: hasField((f) => f.required && f.path.length === 1),
    cases: (o, p, resolve) => fieldArbitrary(o, resolve, (f) => f.required && f.path.length === 1).map((field) => ({ request: withBody(o, p, deleteAt(baseObject(p), field.path)), expect: badField(o, field, resolve) })),
  },
  {
    name: 'field out of range',
    applies: hasField((f) => outOfRange(f.schema).length > 0),
    cases: (o, p, resolve) =>
      fieldArbitrary(o, resolve, (f) => outOfRange(f.schema).length > 0).chain((field) =>
        fc.constantFrom(...outOfRange(field.schema)).map((value) => ({ request: withBody(o, p, setAt(baseObject(p), field.path, value)), expect: badField(o, field, resolve) })),
      ),
  },
  {
    name: 'field against its pattern',
    applies: hasField((f) => constrained(f.schema)),
    cases: (o, p, resolve) =>
      fieldArbitrary(o, resolve, (f) => constrained(f.schema)).chain((field) =>
        fc.constantFrom(...JUNK_STRINGS.filter((value) => refused(field.schema, value))).map((value) => ({ request: withBody(o, p, setAt(baseObject(p), field.path, value)), expect: badField(o, field, resolve) })),
      ),
  },
  {
    name: 'junk in a string field',
    applies: hasField((f) => f.schema['type'] === 'string'),
    cases: (o, p, resolve) =>
      fc.tuple(fieldArbitrary(o, resolve, (f) => f.schema['type'] === 'string'), fc.oneof(fc.constantFrom(...JUNK_STRINGS), ANY_CODE_POINTS)).map(([field, value]) => ({
        request: withBody(o, p, setAt(baseObject(p), field.path, value)),
      })),
  },
  {
    name: 'huge string under the body limit',
    applies: hasField((f) => f.schema['type'] === 'string'),
    cases: (o, p, resolve) =>
      fc.tuple(fieldArbitrary(o, resolve, (f) => f.schema['type'] === 'string'), fc.integer({ min: 100_000, max: 900_000 })).map(([field, size]) => {
        const body = setAt(baseObject(p), field.path, '\u0001FILL\u0001');
        return { request: withRawBody(o, p, () => JSON.stringify(body).replace('\\u0001FILL\\u0001', 'x'.repeat(size))) };
      }),
  },
  {
    name: 'body over 1 MiB',
    applies: hasBody,
    cases: (o, p) =>
      fc.integer({ min: MIB + 1, max: MIB + 64 * 1024 }).map((size) => ({
        request: withRawBody(o, p, () => JSON.stringify({ ...baseObject(p), padding: 'p'.repeat(size) })),
        expect: { statuses: [413] },
      })),
  },
  {
    name: 'deeply nested JSON',
    applies: hasBody,
    cases: (o, p) =>
      fc.tuple(fc.constantFrom(64, 512, 5_000, 50_000), fc.constantFrom('array' as const, 'object' as const), fc.boolean()).map(([depth, kind, asField]) => ({
        request: withRawBody(o, p, () => (asField ? JSON.stringify(baseObject(p)).replace(/^\{/, `{"nested":${deepNesting(depth, kind)},`).replace(/,\}$/, '}') : deepNesting(depth, kind))),
        expect: { statuses: CLIENT_ERRORS },
      })),
  },
  {
    name: 'prototype and server-owned keys',
    applies: hasBody,
    cases: (o, p) =>
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'uuid', 'tenantId', 'status', 'state', 'createdAt').map((key) => ({
        request: withRawBody(o, p, JSON.stringify(baseObject(p)).replace(/^\{/, `{"${key}":{"polluted":true,"prototype":{"polluted":true}},`).replace(/,\}$/, '}')),
      })),
  },
  {
    name: 'duplicate keys',
    applies: hasField(() => true),
    cases: (o, p, resolve) =>
      fieldArbitrary(o, resolve, (f) => f.path.length === 1).map((field) => ({
        request: withRawBody(o, p, JSON.stringify(baseObject(p)).replace(/\}$/, `${Object.keys(baseObject(p)).length > 0 ? ',' : ''}"${field.path[0]}":[{"twice":true}]}`)),
      })),
  },
  {
    name: 'wrong content type',
    applies: hasBody,
    cases: (o, p) =>
      fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/jsonx', null).map((type) => ({
        request: withRawBody(o, p, JSON.stringify(p.body ?? {}), type),
        expect: { statuses: CLIENT_ERRORS },
      })),
  },
  {
    name: 'bad path parameter',
    applies: (o) => o.parameters.some((p) => p.in === 'path'),
    cases: (o, p) =>
      fc
        .tuple(
          fc.nat({ max: o.parameters.filter((x) => x.in === 'path').length - 1 }),
          // [value, sent percent-encoded]: unencoded, `%zz` and `é` are refused before routing.
          fc.constantFrom(
            ['not-a-uuid', true],
            ['0', true],
            ['-1', true],
            ['\u0000', true],
            ['🚀', true],
            ['\u202E', true],
            ['../../../etc/passwd', true],
            ['..', false],
            ['%zz', false],
            ['%252e%252e%252f', false],
            ['a'.repeat(8_000), true],
            ["' OR 1=1 --", true],
            ['00000000-0000-0000-0000-000000000000', true],
            ['{00000000-0000-0000-0000-000000000000}', true],
            ['é', false],
          ),
        )
        .map(([index, [value, encoded]]) => {
          const values = [...p.pathValues];
          values[index] = value as string;
          const path = renderPath(o, values.map((v, i) => (i === index && !encoded ? v : encode(v))), false);
          const request = render(o, p);
          // A free-form parameter (a name) may name a row a junk create made: only a value the
          // parameter's schema refuses, or one no URL may hold, must be a 4xx.
          const schema = o.parameters.filter((x) => x.in === 'path')[index]!.schema;
          const refusedHere = value === '%zz' || value === 'é' || (constrained(schema) && refused(schema, value as string));
          return { request: { ...request, path: `${path}${renderQuery(p.query)}` }, expect: refusedHere ? { statuses: CLIENT_ERRORS } : undefined };
        }),
  },
  {
    name: 'query parameter out of range',
    applies: (o) => o.parameters.some((p) => p.in === 'query' && (typeof p.schema['minimum'] === 'number' || typeof p.schema['maximum'] === 'number')),
    cases: (o, p) =>
      fc.constantFrom(...o.parameters.filter((x) => x.in === 'query' && (typeof x.schema['minimum'] === 'number' || typeof x.schema['maximum'] === 'number'))).chain((parameter) =>
        fc.constantFrom(...outOfRange(parameter.schema), ...(['integer', 'number'].includes(parameter.schema['type'] as string) ? ['abc', '1e309', '-99999999999999999999999'] : [])).map((value) => ({
          request: render(o, { ...p, query: [...p.query.filter(([name]) => name !== parameter.name), [parameter.name, String(value)]] }),
          expect: { statuses: BAD_INPUT, mentions: parameter.name },
        })),
      ),
  },
  {
    name: 'junk query',
    applies: () => true,
    cases: (o, p) =>
      fc
        .tuple(
          fc.constantFrom(...[...o.parameters.filter((x) => x.in === 'query').map((x) => x.name), 'limit', 'offset', '__proto__', 'constructor[prototype][polluted]', '__proto__[polluted]']),
          fc.oneof(fc.constantFrom(...JUNK_STRINGS), fc.constantFrom('-1', '0', '1.5', 'true', '[]', '9'.repeat(400))),
          fc.boolean(),
        )
        .map(([name, value, repeated]) => {
          const request = render(o, p);
          const extra = repeated ? `${encode(name)}=1&${encode(name)}=${encode(value)}&${encode(name)}[]=2` : `${encode(name)}=${encode(value)}`;
          return { request: { ...request, path: `${request.path}${request.path.includes('?') ? '&' : '?'}${extra}` } };
        }),
  },
  {
    name: 'bad X-PROJECT-ID',
    applies: (o) => o.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'x-project-id'),
    cases: (o, p) =>
      fc
        .constantFrom<[string | string[] | undefined, number]>(
          [undefined, 400],
          ['', 400],
          ['not-a-uuid', 400],
          ['0'.repeat(8_000), 400],
          [[p.headers['x-project-id'] as string, p.headers['x-project-id'] as string], 400],
          ['00000000-0000-4000-8000-000000000000', 403],
          [`${p.headers['x-project-id'] as string}\t`, 200],
        )
        .map(([value, status]) => {
          const headers = { ...p.headers };
          if (value === undefined) delete headers['x-project-id'];
          else headers['x-project-id'] = value;
          return { request: render(o, { ...p, headers }), expect: status === 200 ? undefined : { statuses: [status] } };
        }),
  },
  {
    name: 'bad credentials',
    applies: (o) => o.auth !== 'none',
    cases: (o, p) =>
      fc
        .constantFrom<[string | string[] | undefined, boolean]>(
          [undefined, true],
          ['Bearer', true],
          ['Bearer ', true],
          ['Bearer not.a.jwt', true],
          ['Basic dXNlcjpwYXNz', true],
          [`Bearer ${'x'.repeat(8_000)}`, true],
          ['Bearer eyJhbGciOiJub25lIn0.eyJ0ZW5hbnRfaWQiOjF9.', true],
          [['Bearer not.a.jwt', p.headers['authorization'] as string], false],
          [[p.headers['authorization'] as string, 'Bearer not.a.jwt'], false],
        )
        .map(([value, refused]) => {
          const headers = { ...p.headers };
          if (value === undefined) delete headers['authorization'];
          else headers['authorization'] = value;
          return { request: render(o, { ...p, headers }), expect: refused ? { statuses: [401] } : undefined };
        }),
  },
  {
    name: 'junk headers',
    applies: () => true,
    cases: (o, p) =>
      fc
        .constantFrom<[string, string]>(
          ['x-correlation-id', 'c'.repeat(4_000)],
          ['x-correlation-id', '../../é\t'],
          ['accept', 'application/xml;q=1.5, */*;q=abc'],
          ['accept-encoding', 'gzip;q=2, br, zstd, *'],
          ['x-forwarded-for', '999.999.999.999, ::ffff:garbage'],
          ['x-forwarded-host', 'evil.example'],
          ['content-language', 'é'.repeat(100)],
          ['x-large', 'h'.repeat(20_000)],
        )
        .map(([name, value]) => ({ request: render(o, { ...p, headers: { ...p.headers, [name]: value } }) })),
  },
];
