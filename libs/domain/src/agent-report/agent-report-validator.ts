import Ajv2020 from 'ajv/dist/2020';
import { z } from 'zod';
import { agentReportSchema, parseInput, type AgentReport } from '@clusterplane/contracts';

type JsonSchema = Record<string, unknown>;

/**
 * The agent report's contract (the zod schema) compiled to a validator that is an order of
 * magnitude cheaper per report, for the reports every agent sends every few seconds. It
 * accepts exactly what the zod schema accepts and returns the same value: defaults filled in,
 * unknown keys of nested objects dropped, unknown top-level keys refused. A report it refuses is
 * parsed again by the zod schema, so the error names every failing field in the same words as
 * everywhere else.
 */
export class AgentReportValidator {
  private readonly topLevelKeys = new Set(Object.keys(agentReportSchema.shape));
  private readonly validate = new Ajv2020({
    // zod counts string lengths in UTF-16 code units and runs its patterns without the u flag.
    // Ajv 8 still honours `unicode: false` but warns that it is deprecated: the warning would
    // be the only thing it logs, since the schema is generated and fixed.
    unicode: false,
    logger: false,
    unicodeRegExp: false,
    // Each date-time carries zod's own pattern; the format keyword adds nothing to it.
    validateFormats: false,
    strict: false,
    useDefaults: true,
    removeAdditional: true,
    allErrors: false,
  }).compile(stripUnknownKeys(z.toJSONSchema(agentReportSchema, { io: 'input' }) as JsonSchema, true));

  /** The report `body` holds, or an `invalid_argument` AppError naming the failing fields. */
  parse(body: unknown): AgentReport {
    // Ajv fills in the defaults and drops unknown nested keys in place, as zod's copy would;
    // a body it refuses is changed only in ways zod's verdict does not depend on.
    if (this.hasOnlyKnownKeys(body) && this.validate(body)) return body as AgentReport;
    return parseInput(agentReportSchema, body, 'body');
  }

  private hasOnlyKnownKeys(body: unknown): body is Record<string, unknown> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
    for (const key in body) if (!this.topLevelKeys.has(key)) return false;
    return true;
  }
}

/**
 * zod drops the unknown keys of a plain object and refuses those of a strict one; in JSON
 * Schema the first is "no additionalProperties" and the second `additionalProperties: false`.
 * Ajv drops keys only where `additionalProperties` is false, so the plain objects get it; the
 * top-level (strict) object's keys are checked before Ajv runs.
 */
function stripUnknownKeys(schema: JsonSchema, isRoot = false): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = mapSchemas(value);
  if (out['properties'] && out['additionalProperties'] === undefined && !isRoot) out['additionalProperties'] = false;
  return out;
}

function mapSchemas(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(mapSchemas);
  if (typeof value === 'object' && value !== null) return stripUnknownKeys(value as JsonSchema);
  return value;
}
