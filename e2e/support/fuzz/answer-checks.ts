import Ajv2019 from 'ajv/dist/2019';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { toValidationDocument } from '@clusterplane/testing';
import { headBytes, MAX_HEAD_BYTES, type FuzzCase } from './fuzz-request';
import type { OperationModel } from './openapi-operations';
import type { RawAnswer } from './raw-http';
import type { Schema } from './schema-values';

export type Problem = 'server error' | 'no answer' | 'unexpected status' | 'field not named' | 'error body shape';

const DOCUMENT_ID = 'fuzzed-document';

/** Checks each answer against SPEC section 8 and the error body its operation documents. */
export class AnswerChecks {
  private readonly ajv = new Ajv2019({ strict: false, allErrors: false, validateSchema: false });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: Schema) {
    addFormats(this.ajv);
    this.ajv.addSchema(toValidationDocument(document, { rejectUnknownProperties: true }), DOCUMENT_ID);
  }

  problems(fuzzCase: FuzzCase, operation: OperationModel, answer: RawAnswer): { problem: Problem; detail: string }[] {
    if (answer.status === -1) return []; // Node refused to send it: nothing reached the server
    if (answer.status === 0) {
      // A head over the limit is refused at the connection; the answer may not be readable.
      if (headBytes(fuzzCase.request) > MAX_HEAD_BYTES) return [];
      return [{ problem: 'no answer', detail: answer.error ?? 'connection closed' }];
    }
    const found: { problem: Problem; detail: string }[] = [];
    if (answer.status >= 500) found.push({ problem: 'server error', detail: `${answer.status} ${answer.text.slice(0, 300)}` });
    const expected = fuzzCase.expect;
    if (expected && !expected.statuses.includes(answer.status)) found.push({ problem: 'unexpected status', detail: `${answer.status}, expected ${compact(expected.statuses)}: ${answer.text.slice(0, 300)}` });
    if (expected?.mentions && expected.statuses.includes(answer.status) && !answer.text.includes(expected.mentions)) found.push({ problem: 'field not named', detail: `${expected.mentions} not in ${answer.text.slice(0, 300)}` });
    if (answer.status >= 400 && answer.contentType.startsWith('application/json') && operation.errorSchema) {
      const shape = this.errorShape(operation.errorSchema, answer.text);
      if (shape) found.push({ problem: 'error body shape', detail: `${answer.status} ${shape}` });
    }
    return found;
  }

  /** Why the body is not the documented error, or undefined when it is. */
  private errorShape(pointer: string, text: string): string | undefined {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return `not JSON: ${text.slice(0, 200)}`;
    }
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}`, unevaluatedProperties: false });
      this.validators.set(pointer, validate);
    }
    if (validate(body)) return undefined;
    return `${pointer}: ${(validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}`).join('; ')} in ${text.slice(0, 200)}`;
  }
}

const compact = (statuses: readonly number[]) => (statuses.length > 10 ? `${statuses[0]}-${statuses[statuses.length - 1]}` : statuses.join('|'));
