import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { toValidationDocument } from './openapi-schema-transform';

type Json = Record<string, unknown>;

export interface OpenApiValidatorOptions {
  /**
   * A schema (`#/components/schemas/…`) for error statuses an operation does not list: a
   * dialect answers every error in one body, documented or not (e.g. 409 on create).
   */
  undocumentedErrorSchema?: string;
  /** Fail on properties a schema does not declare, so drift in either direction is caught. */
  rejectUnknownProperties?: boolean;
}

export interface ValidatedResponse {
  status: number;
  body: unknown;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  responses: Json;
}

const DOCUMENT_ID = 'openapi-under-test';
const pointer = (...parts: string[]) => `#/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates HTTP responses against an OpenAPI 3.0 document: the operation is found from the
 * method and concrete path, the response from the status, and the body is checked with Ajv
 * (formats included, `nullable` honoured). Records what it validated, so a test suite can
 * assert that every operation was exercised.
 */
export class OpenApiValidator {
  private readonly ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false });
  private readonly operations: Operation[];
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly seen = new Map<string, Set<number>>();

  constructor(
    private readonly document: Json,
    private readonly options: OpenApiValidatorOptions = {},
  ) {
    addFormats(this.ajv);
    this.ajv.addSchema(toValidationDocument(document, { rejectUnknownProperties: options.rejectUnknownProperties ?? false }), DOCUMENT_ID);
    this.operations = Object.entries((document['paths'] ?? {}) as Json)
      .flatMap(([template, item]) =>
        Object.entries(item as Json)
          .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(method))
          .map(([method, operation]) => ({
            method: method.toUpperCase(),
            template,
            pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`),
            params: (template.match(/\{/g) ?? []).length,
            responses: ((operation as Json)['responses'] ?? {}) as Json,
          })),
      )
      // A literal segment wins over a parameter: /clusters/minimal is not /clusters/{clusterUuid}.
      .sort((a, b) => a.params - b.params);
  }

  static fromFile(path: string, options?: OpenApiValidatorOptions): OpenApiValidator {
    return new OpenApiValidator(JSON.parse(readFileSync(path, 'utf8')) as Json, options);
  }

  /** Problems with the response, or [] when it conforms. */
  problems(method: string, path: string, response: ValidatedResponse): string[] {
    const operation = this.operation(method, path);
    if (!operation) return [`no operation ${method.toUpperCase()} ${path} in the document`];
    const key = `${operation.method} ${operation.template}`;
    const target = this.responseSchema(operation, response.status);
    if ('problem' in target) return [`${key}: ${target.problem}`];

    this.record(key, response.status);
    if (!target.schema) {
      return response.body === undefined || response.body === '' ? [] : [`${key} ${response.status}: documented without a body, got ${JSON.stringify(response.body)}`];
    }
    const validate = this.validator(target.schema);
    if (validate(response.body)) return [];
    return (validate.errors ?? []).map((e) => `${key} ${response.status}: ${e.instancePath || '(body)'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  }

  /** Throws, naming every problem and the body, when the response does not conform. */
  assertResponse(method: string, path: string, response: ValidatedResponse): void {
    const problems = this.problems(method, path, response);
    if (problems.length > 0) throw new Error(`response does not match the OpenAPI document:\n  ${problems.join('\n  ')}\nbody: ${JSON.stringify(response.body)?.slice(0, 2000)}`);
  }

  /** Every `METHOD template` of the document with the statuses validated so far. */
  coverage(): Record<string, number[]> {
    return Object.fromEntries(this.operations.map((o) => `${o.method} ${o.template}`).sort().map((key) => [key, [...(this.seen.get(key) ?? [])].sort()]));
  }

  /** Statuses each operation documents, for comparing with `coverage()`. */
  documentedStatuses(): Record<string, number[]> {
    return Object.fromEntries(this.operations.map((o) => [`${o.method} ${o.template}`, Object.keys(o.responses).filter((s) => /^\d{3}$/.test(s)).map(Number).sort()]));
  }

  private operation(method: string, path: string): Operation | undefined {
    const bare = path.split('?')[0]!;
    return this.operations.find((o) => o.method === method.toUpperCase() && o.pattern.test(bare));
  }

  /** A JSON pointer to the body schema, no schema for a documented empty body, or why neither. */
  private responseSchema(operation: Operation, status: number): { schema?: string } | { problem: string } {
    let location = ['paths', operation.template, operation.method.toLowerCase(), 'responses', String(status)];
    let response = operation.responses[String(status)];
    if (response === undefined) {
      if (status >= 400 && this.options.undocumentedErrorSchema) return { schema: this.options.undocumentedErrorSchema };
      return { problem: `status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})` };
    }
    const ref = isObject(response) ? response['$ref'] : undefined;
    if (typeof ref === 'string') {
      location = ref.replace(/^#\//, '').split('/');
      response = location.reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), this.document);
    }
    const content = isObject(response) ? response['content'] : undefined;
    if (!isObject(content)) return {};
    if (!isObject(content['application/json'])) return { problem: `status ${status} has no application/json body` };
    return { schema: pointer(...location, 'content', 'application/json', 'schema') };
  }

  private validator(schemaPointer: string): ValidateFunction {
    let validate = this.compiled.get(schemaPointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${schemaPointer}` });
      this.compiled.set(schemaPointer, validate);
    }
    return validate;
  }

  private record(key: string, status: number): void {
    const statuses = this.seen.get(key) ?? new Set<number>();
    statuses.add(status);
    this.seen.set(key, statuses);
  }
}
