import fc from 'fast-check';
import { BAD_INPUTS } from './bad-inputs';
import { render, type FuzzCase, type RequestParts } from './fuzz-request';
import type { OperationModel } from './openapi-operations';
import { validParts, type FuzzContext } from './valid-requests';

/** Of ten requests, this many are valid ones; the rest carry one kind of bad input. */
const VALID_WEIGHT = 3;
const BAD_WEIGHT = 7;

/** A delete of a row the other cases address goes last, so they still find it. */
function destructive(operation: OperationModel, context: FuzzContext, parts: RequestParts): boolean {
  const real = context.realPath(operation) ?? [];
  return operation.method === 'DELETE' && real.length > 0 && parts.pathValues.every((value, i) => value === real[i]);
}

function validCase(operation: OperationModel, context: FuzzContext): fc.Arbitrary<FuzzCase> {
  return validParts(operation, context).map((parts) => ({ operation: operation.key, kind: 'valid', request: render(operation, parts), destructive: destructive(operation, context, parts) }));
}

function badCase(operation: OperationModel, context: FuzzContext): fc.Arbitrary<FuzzCase> {
  const kinds = BAD_INPUTS.filter((bad) => bad.applies(operation, context.resolve));
  const parts = validParts(operation, context, { knownGood: true });
  // A bad input may leave a delete valid (a junk header, a second token): it goes last too.
  return fc
    .constantFrom(...kinds)
    .chain((bad) => parts.chain((valid) => bad.cases(operation, valid, context.resolve).map((made) => ({ operation: operation.key, kind: bad.name, ...made, destructive: destructive(operation, context, valid) }))));
}

/**
 * `total` requests over every operation of the description, valid and bad, drawn from `seed`:
 * the same seed (and the same rows) makes the same requests. Destructive ones come last.
 */
export function fuzzPlan(operations: OperationModel[], context: FuzzContext, seed: number, total: number): FuzzCase[] {
  // Built once per operation: a schema's arbitraries are costly to build, cheap to draw from.
  const perOperation = new Map(operations.map((o) => [o.key, fc.oneof({ weight: VALID_WEIGHT, arbitrary: validCase(o, context) }, { weight: BAD_WEIGHT, arbitrary: badCase(o, context) })]));
  const any = fc.constantFrom(...operations).chain((operation) => perOperation.get(operation.key)!);
  const cases = fc.sample(any, { seed, numRuns: total });
  return [...cases.filter((c) => !c.destructive), ...cases.filter((c) => c.destructive)];
}
