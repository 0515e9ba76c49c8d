type Json = Record<string, unknown>;

/** One part of the gateway's API description: a dialect, or the agent protocol. */
export interface OpenApiPart {
  /** Short name, also the `?dialect=` value and the prefix of renamed components. */
  name: string;
  document: Json;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

function rewriteRefs(node: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, renames));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' && renames.has(value) ? renames.get(value) : rewriteRefs(value, renames)]),
  );
}

/**
 * Merges the parts into `base`. Identical components are shared; a component name two parts
 * define differently (every dialect has its own `Error`) is kept apart as `<part>.<name>` in
 * the later part, with that part's references rewritten. Two parts answering the same method
 * on the same path is a programming error.
 */
export function mergeOpenApiDocuments(base: Json, parts: readonly OpenApiPart[]): Json {
  const merged: Json = { ...base, tags: [...((base['tags'] as Json[]) ?? [])], paths: {}, components: {} };
  const components = merged['components'] as Record<string, Json>;
  const paths = merged['paths'] as Record<string, Json>;
  const tags = merged['tags'] as Json[];

  for (const part of parts) {
    const renames = new Map<string, string>();
    const incoming = (part.document['components'] ?? {}) as Record<string, Json>;
    for (const [section, entries] of Object.entries(incoming)) {
      for (const [name, value] of Object.entries(entries)) {
        const existing = components[section]?.[name];
        if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(value)) renames.set(`#/components/${section}/${name}`, `#/components/${section}/${part.name}.${name}`);
      }
    }
    const document = rewriteRefs(part.document, renames) as Json;
    for (const [section, entries] of Object.entries((document['components'] ?? {}) as Record<string, Json>)) {
      const target = (components[section] ??= {});
      for (const [name, value] of Object.entries(entries)) target[renames.has(`#/components/${section}/${name}`) ? `${part.name}.${name}` : name] = value;
    }
    for (const [path, item] of Object.entries((document['paths'] ?? {}) as Record<string, Json>)) {
      const target = (paths[path] ??= {});
      for (const [method, operation] of Object.entries(item)) {
        if (HTTP_METHODS.has(method) && method in target) throw new Error(`${method.toUpperCase()} ${path} is described by two OpenAPI parts (the second is ${part.name})`);
        target[method] = operation;
      }
    }
    for (const tag of (document['tags'] ?? []) as Json[]) if (!tags.some((t) => t['name'] === tag['name'])) tags.push(tag);
  }
  return merged;
}
