import { z } from 'zod';

type Json = Record<string, unknown>;

/**
 * An OpenAPI 3.0 schema of what a zod schema accepts, for documenting a route from the schema
 * that validates it. Recursive parts, which zod emits as local `definitions`, become component
 * schemas named `<prefix>.<definition>` with their references rewritten.
 */
export function zodToOpenApi(schema: z.ZodType, prefix: string): { schema: Json; components: Json } {
  const { definitions, ...root } = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Json & { definitions?: Json };
  const componentName = (definition: string) => `${prefix}.${definition.replace(/^_+/, '')}`;
  const rename = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rename);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/') ? `#/components/schemas/${componentName(value.slice('#/definitions/'.length))}` : rename(value),
      ]),
    );
  };
  const components = Object.fromEntries(Object.entries(definitions ?? {}).map(([name, definition]) => [componentName(name), rename(definition)]));
  return { schema: rename(root) as Json, components };
}
