import fc from 'fast-check';
import type { OperationModel, Parameter } from './openapi-operations';
import type { RequestParts } from './fuzz-request';
import { schemaValue, type ResolveRef } from './schema-values';

/** What the fuzzer knows about the running system: rows to address and credentials. */
export interface FuzzContext {
  resolve: ResolveRef;
  /** Values of the operation's path parameters that name rows the fuzz tenant holds. */
  realPath(operation: OperationModel): string[] | undefined;
  /** Query parameters a known-good request carries (a metrics window, a version). */
  baseQuery(operation: OperationModel): [string, string][];
  /** A body known to be accepted, if there is one. */
  knownBody(operation: OperationModel, unique: string): unknown;
  /** The Authorization header the operation wants: a user or ops token, or the agent's secret. */
  authorization(operation: OperationModel): string | undefined;
  /** The fuzz tenant's project, for X-PROJECT-ID. */
  project: string;
}

const PROJECT_HEADER = 'x-project-id';

const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function parameterValue(parameter: Parameter, resolve: ResolveRef): fc.Arbitrary<string[]> {
  return schemaValue(parameter.schema, resolve).map((value) => (Array.isArray(value) ? value.map(asText) : [asText(value)]));
}

/**
 * A request the description says is valid: real rows in the path most of the time, the
 * known-good query plus optional parameters from their schemas, a body from the body schema or
 * a known-good one, and the credential the operation wants. With `knownGood`, the path and
 * query are exactly the known-good ones, so a bad input added to it is the only thing wrong.
 */
export function validParts(operation: OperationModel, context: FuzzContext, options: { knownGood?: boolean } = {}): fc.Arbitrary<RequestParts> {
  const real = context.realPath(operation);
  const pathParameters = operation.parameters.filter((p) => p.in === 'path');
  const path = fc.tuple(
    ...pathParameters.map((parameter, i) => {
      const generated = parameterValue(parameter, context.resolve).map((values) => values.join(','));
      const known = real?.[i];
      if (known === undefined) return generated;
      return options.knownGood ? fc.constant(known) : fc.oneof({ weight: 4, arbitrary: fc.constant(known) }, { weight: 1, arbitrary: generated });
    }),
  );

  const base = context.baseQuery(operation);
  const optional = options.knownGood ? [] : operation.parameters.filter((p) => p.in === 'query' && !base.some(([name]) => name === p.name));
  const query = fc
    .tuple(...optional.map((p) => (p.required ? parameterValue(p, context.resolve).map((v) => [p.name, v] as const) : fc.option(parameterValue(p, context.resolve).map((v) => [p.name, v] as const), { nil: undefined }))))
    .map((entries) => [...base, ...entries.flatMap((entry) => (entry ? entry[1].map((value) => [entry[0], value] as [string, string]) : []))]);

  const headerParameters = operation.parameters.filter((p) => p.in === 'header' && p.name.toLowerCase() !== PROJECT_HEADER);
  const headers = fc.tuple(...headerParameters.map((p) => parameterValue(p, context.resolve).map((v) => [p.name.toLowerCase(), v[0] ?? ''] as const))).map((entries) => {
    const result: Record<string, string> = Object.fromEntries(entries);
    if (operation.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === PROJECT_HEADER)) result[PROJECT_HEADER] = context.project;
    const authorization = context.authorization(operation);
    if (authorization) result['authorization'] = authorization;
    return result;
  });

  const generatedBody = operation.body ? schemaValue(operation.body, context.resolve) : fc.constant(undefined);
  const body =
    operation.body && context.knownBody(operation, 'probe') !== undefined
      ? fc.oneof({ weight: 2, arbitrary: generatedBody }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9]{8}$/).map((unique) => context.knownBody(operation, unique)) })
      : generatedBody;

  return fc.record({ pathValues: path, query, headers, body });
}
