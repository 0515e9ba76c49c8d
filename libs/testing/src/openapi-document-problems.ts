type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function refsOf(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, found));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsOf(value, found);
    }
  }
  return found;
}

function resolve(document: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), document);
}

/**
 * What makes an OpenAPI 3.0 document unusable for clients and for response validation: a
 * reference that does not resolve locally, an operation without a unique operationId or a 2xx
 * answer, a security requirement naming no declared scheme. [] when there is none.
 */
export function openApiDocumentProblems(document: Json): string[] {
  const problems: string[] = [];
  if (typeof document['openapi'] !== 'string' || !/^3\.0\.\d+$/.test(document['openapi'])) problems.push(`openapi must be 3.0.x, is ${String(document['openapi'])}`);
  for (const ref of refsOf(document)) if (resolve(document, ref) === undefined) problems.push(`unresolved $ref ${ref}`);

  const schemes = Object.keys(((document['components'] as Json | undefined)?.['securitySchemes'] ?? {}) as Json);
  const requirements = [...((document['security'] ?? []) as Json[])];
  const ids = new Set<string>();
  const operations = Object.entries((document['paths'] ?? {}) as Json).flatMap(([path, item]) =>
    Object.entries(item as Json)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation: operation as Json })),
  );
  if (operations.length === 0) problems.push('no operations');
  for (const { key, operation } of operations) {
    const id = operation['operationId'];
    if (typeof id !== 'string') problems.push(`${key} has no operationId`);
    else if (ids.has(id)) problems.push(`${key} repeats operationId ${id}`);
    else ids.add(id);
    if (!Object.keys((operation['responses'] ?? {}) as Json).some((status) => /^2\d\d$/.test(status))) problems.push(`${key} has no 2xx response`);
    requirements.push(...((operation['security'] ?? []) as Json[]));
  }
  for (const name of new Set(requirements.flatMap((r) => Object.keys(r)))) if (!schemes.includes(name)) problems.push(`security scheme ${name} is not declared`);
  return problems;
}
