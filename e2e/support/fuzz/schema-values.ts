import fc from 'fast-check';

export type Schema = Record<string, unknown>;

/** Follows `#/components/...` references of one OpenAPI document. */
export type ResolveRef = (ref: string) => Schema;

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deeper than this a schema (a recursive one) yields its smallest value. */
const MAX_DEPTH = 6;
/** Valid numbers stay near their minimum: a valid `count: 1000` would build a thousand nodes. */
const SMALL_RANGE = 5;

/** A schema with its references followed and its `allOf` folded into one object schema. */
export function flatten(schema: Schema, resolve: ResolveRef, depth = 0): Schema {
  if (depth > MAX_DEPTH) return schema;
  if (typeof schema['$ref'] === 'string') return flatten(resolve(schema['$ref']), resolve, depth + 1);
  if (!Array.isArray(schema['allOf'])) return schema;
  const members = (schema['allOf'] as Schema[]).map((member) => flatten(member, resolve, depth + 1));
  const { allOf: _, ...rest } = schema;
  return members.reduce<Schema>(
    (merged, member) => ({
      ...member,
      ...merged,
      properties: { ...((member['properties'] as Schema) ?? {}), ...((merged['properties'] as Schema) ?? {}) },
      required: [...new Set([...((member['required'] as string[]) ?? []), ...((merged['required'] as string[]) ?? [])])],
    }),
    { ...rest, type: 'object' },
  );
}

function stringValue(schema: Schema): fc.Arbitrary<string> {
  const minLength = (schema['minLength'] as number | undefined) ?? 0;
  const maxLength = Math.min((schema['maxLength'] as number | undefined) ?? 24, 64);
  const format = schema['format'];
  if (format === 'uuid') return fc.uuid();
  if (format === 'date-time') return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  if (format === 'date') return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (format === 'byte') return fc.uint8Array({ minLength: 1, maxLength: 48 }).map((bytes) => Buffer.from(bytes).toString('base64'));
  if (typeof schema['pattern'] === 'string') {
    try {
      const pattern = new RegExp(schema['pattern']);
      return fc.stringMatching(pattern).filter((s) => s.length >= minLength && s.length <= ((schema['maxLength'] as number | undefined) ?? Infinity));
    } catch {
      // a pattern JavaScript cannot read: fall through to a plain string
    }
  }
  // Mostly names an operator would type; sometimes any printable text.
  return fc.oneof(
    { weight: 3, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{2,14}[a-z0-9]$/) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength }) },
  ).filter((s) => s.length >= minLength && s.length <= ((schema['maxLength'] as number | undefined) ?? Infinity));
}

function numberValue(schema: Schema): fc.Arbitrary<number> {
  const integer = schema['type'] === 'integer';
  const exclusiveMin = schema['exclusiveMinimum'] === true;
  const min = ((schema['minimum'] as number | undefined) ?? 0) + (exclusiveMin ? 1 : 0);
  const max = Math.min((schema['maximum'] as number | undefined) ?? min + SMALL_RANGE, min + SMALL_RANGE);
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/**
 * Values a JSON schema (OpenAPI 3.0 flavour) accepts. Where the schema gives an `example` or a
 * `default`, those come often: rules no schema can state (an instance type, an SSH key) are met
 * by the documented example.
 */
export function schemaValue(input: Schema, resolve: ResolveRef, depth = 0): fc.Arbitrary<unknown> {
  const schema = flatten(input, resolve, depth);
  const documented = ['example', 'default'].filter((key) => key in schema).map((key) => fc.constant(schema[key]));
  const generated = generatedValue(schema, resolve, depth);
  const value = documented.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.oneof(...documented) }, { weight: 1, arbitrary: generated }) : generated;
  return schema['nullable'] === true ? fc.oneof({ weight: 5, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }) : value;
}

function generatedValue(schema: Schema, resolve: ResolveRef, depth: number): fc.Arbitrary<unknown> {
  const alternatives = (schema['oneOf'] ?? schema['anyOf']) as Schema[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length > 0) return fc.oneof(...alternatives.map((a) => schemaValue(a, resolve, depth + 1)));
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return fc.constantFrom(...(schema['enum'] as unknown[]).filter((v) => v !== null));
  const type = schema['type'] ?? (isObject(schema['properties']) ? 'object' : undefined);
  switch (type) {
    case 'string':
      return stringValue(schema);
    case 'integer':
    case 'number':
      return numberValue(schema);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = isObject(schema['items']) ? (schema['items'] as Schema) : {};
      const minLength = (schema['minItems'] as number | undefined) ?? 0;
      if (depth >= MAX_DEPTH) return fc.constant([]);
      return fc.array(schemaValue(items, resolve, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min((schema['maxItems'] as number | undefined) ?? 3, 3)) });
    }
    case 'object':
      return objectValue(schema, resolve, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectValue(schema: Schema, resolve: ResolveRef, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set((schema['required'] as string[] | undefined) ?? []);
  // Properties the server owns (readOnly) are left out of requests.
  const writable = Object.entries(properties).filter(([name, property]) => required.has(name) || flatten(property, resolve)['readOnly'] !== true);
  if (writable.length === 0 && isObject(schema['additionalProperties'])) {
    if (depth >= MAX_DEPTH) return fc.constant({});
    return fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), schemaValue(schema['additionalProperties'], resolve, depth + 1), { maxKeys: 3 });
  }
  if (depth >= MAX_DEPTH) return fc.constant({});
  const record = Object.fromEntries(writable.map(([name, property]) => [name, schemaValue(property, resolve, depth + 1)]));
  return fc.record(record, { requiredKeys: writable.map(([name]) => name).filter((name) => required.has(name)) });
}
