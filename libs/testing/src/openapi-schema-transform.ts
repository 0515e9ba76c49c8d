type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

const COMPONENT_SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

export interface SchemaTransformOptions {
  /** Add `unevaluatedProperties: false` to every object schema that lists its properties. */
  rejectUnknownProperties: boolean;
}

/**
 * Rewrites an OpenAPI 3.0 document's schemas into JSON Schema that Ajv (draft 2019-09) checks
 * the way OpenAPI means them:
 * - `nullable: true` becomes `anyOf: [schema, {type: 'null'}]`, so null passes even where the
 *   schema also has `enum`, `allOf` or `type: object` (Ajv's own `nullable` does not cover these);
 * - optionally, objects reject properties they do not declare. That is decided where a schema
 *   is used, not where it is defined: a use as an `allOf` member stays open (it sees only its
 *   own properties) and the schema holding the `allOf` closes the whole.
 * Returns a copy; the input is not changed.
 */
export function toValidationDocument(document: Schema, options: SchemaTransformOptions): Schema {
  const copy = structuredClone(document);
  const components = (copy['components'] ?? {}) as Schema;
  const schemas = (components['schemas'] ?? {}) as Schema;
  const context: Context = { options, shaped: new Set(Object.keys(schemas).filter((name) => declaresShape(schemas[name]))) };
  // A component is closed at each use, so its own top level stays open.
  for (const [name, schema] of Object.entries(schemas)) schemas[name] = transform(schema, context, true);
  for (const container of [...Object.values((components['responses'] ?? {}) as Schema), ...operationResponses(copy)]) {
    const content = isObject(container) ? container['content'] : undefined;
    if (!isObject(content)) continue;
    for (const media of Object.values(content)) {
      if (isObject(media) && isObject(media['schema'])) media['schema'] = transform(media['schema'], context, false);
    }
  }
  return copy;
}

interface Context {
  options: SchemaTransformOptions;
  /** Component schemas that list properties (directly or through allOf). */
  shaped: Set<string>;
}

function operationResponses(document: Schema): unknown[] {
  return Object.values((document['paths'] ?? {}) as Schema).flatMap((item) =>
    isObject(item) ? Object.values(item).flatMap((operation) => (isObject(operation) && isObject(operation['responses']) ? Object.values(operation['responses']) : [])) : [],
  );
}

function declaresShape(schema: unknown): boolean {
  return isObject(schema) && (isObject(schema['properties']) || Array.isArray(schema['allOf'])) && schema['additionalProperties'] === undefined;
}

/** `open`: leave this level open (an allOf member, or a component's own definition). */
function transform(schema: unknown, context: Context, open: boolean): unknown {
  if (!isObject(schema)) return schema;
  const reject = context.options.rejectUnknownProperties;
  const ref = typeof schema['$ref'] === 'string' ? COMPONENT_SCHEMA_REF.exec(schema['$ref']) : null;
  if (ref) return reject && !open && context.shaped.has(decodeURIComponent(ref[1]!)) ? { ...schema, unevaluatedProperties: false } : schema;

  const out: Schema = { ...schema };
  if (isObject(out['properties'])) out['properties'] = Object.fromEntries(Object.entries(out['properties']).map(([k, v]) => [k, transform(v, context, false)]));
  for (const key of ['items', 'additionalProperties', 'not']) if (isObject(out[key])) out[key] = transform(out[key], context, false);
  for (const key of ['anyOf', 'oneOf']) if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map((s) => transform(s, context, open));
  if (Array.isArray(out['allOf'])) out['allOf'] = (out['allOf'] as unknown[]).map((s) => transform(s, context, true));
  if (reject && !open && declaresShape(out)) out['unevaluatedProperties'] = false;

  if (out['nullable'] === true) {
    delete out['nullable'];
    const { description, ...rest } = out;
    return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: 'null' }] };
  }
  return out;
}
