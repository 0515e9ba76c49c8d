import { flatten, type ResolveRef, type Schema } from './schema-values';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

/** One operation of the API description, with what a request to it is made of. */
export interface OperationModel {
  /** `METHOD /template`. */
  key: string;
  method: string;
  template: string;
  parameters: Parameter[];
  /** The JSON request body's schema, if the operation takes one. */
  body?: Schema;
  /** `bearer` (a user token), `agent` (a cluster's client secret) or none. */
  auth: 'bearer' | 'agent' | 'none';
  /** The schema its error answers are documented with. */
  errorSchema?: string;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export function documentResolver(document: Schema): ResolveRef {
  return (ref) => {
    const found = ref
      .replace(/^#\//, '')
      .split('/')
      .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, part) => (node as Schema | undefined)?.[part], document);
    if (!found || typeof found !== 'object') throw new Error(`unresolved reference ${ref}`);
    return found as Schema;
  };
}

/** The schema pointer of the first documented 4xx answer with a JSON body. */
function errorSchemaOf(responses: Schema, resolve: ResolveRef): string | undefined {
  for (const [status, raw] of Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))) {
    if (!/^4\d\d$/.test(status)) continue;
    const response = typeof (raw as Schema)['$ref'] === 'string' ? resolve((raw as Schema)['$ref'] as string) : (raw as Schema);
    const schema = (((response['content'] as Schema | undefined)?.['application/json'] as Schema | undefined)?.['schema'] as Schema | undefined) ?? undefined;
    if (schema && typeof schema['$ref'] === 'string') return schema['$ref'];
  }
  return undefined;
}

/** Every operation of an OpenAPI 3.0 document, its references followed. */
export function operationsOf(document: Schema): OperationModel[] {
  const resolve = documentResolver(document);
  const topSecurity = (document['security'] as Schema[] | undefined) ?? [];
  return Object.entries(document['paths'] as Record<string, Schema>).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, raw]) => {
        const operation = raw as Schema;
        const parameters = [...((item['parameters'] as Schema[]) ?? []), ...((operation['parameters'] as Schema[]) ?? [])]
          .map((p) => (typeof p['$ref'] === 'string' ? resolve(p['$ref']) : p))
          .map((p) => ({ name: p['name'] as string, in: p['in'] as Parameter['in'], required: p['required'] === true, schema: flatten((p['schema'] as Schema) ?? {}, resolve) }))
          .filter((p) => ['path', 'query', 'header'].includes(p.in));
        const content = ((operation['requestBody'] as Schema | undefined)?.['content'] ?? {}) as Schema;
        const body = (content['application/json'] as Schema | undefined)?.['schema'] as Schema | undefined;
        const security = ((operation['security'] as Schema[] | undefined) ?? topSecurity).flatMap((s) => Object.keys(s));
        const auth: OperationModel['auth'] = security.length === 0 ? 'none' : security.includes('agentClientSecret') ? 'agent' : 'bearer';
        return { key: `${method.toUpperCase()} ${template}`, method: method.toUpperCase(), template, parameters, body, auth, errorSchema: errorSchemaOf((operation['responses'] ?? {}) as Schema, resolve) };
      }),
  );
}
