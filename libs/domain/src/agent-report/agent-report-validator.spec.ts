import fc from 'fast-check';
import { AppError, agentReportSchema, parseInput } from '@clusterplane/contracts';
import { reportBody } from '../status/agent-report-body';
import { AgentReportValidator } from './agent-report-validator';

const validator = new AgentReportValidator();

/** The zod schema's verdict: the parsed report, or the error the agent would be answered with. */
function byZod(body: unknown): unknown {
  try {
    return parseInput(agentReportSchema, structuredClone(body), 'body');
  } catch (error) {
    return { error: (error as AppError).message, details: (error as AppError).details };
  }
}

function byValidator(body: unknown): unknown {
  try {
    return validator.parse(structuredClone(body));
  } catch (error) {
    return { error: (error as AppError).message, details: (error as AppError).details };
  }
}

const healthy = reportBody('service-issues', {
  version: '2.24',
  reportedAt: new Date('2026-01-01T00:00:00Z'),
  acks: [{ command: 'uninstall', id: 'u-1' }],
  nodePools: [{ name: 'default', nodes: 2, gpus: 16 }],
  metrics: [{ type: 'GPU_UTILIZATION', nodePool: 'default', value: 0.5 }],
});

/** Values that sit on and around the schema's edges, in every position of a report. */
const edgeValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, '', 'x', 'AllReady', 'all good', 'True', 'Unknown', 'vanilla', 'uninstall', 'GPU_UTILIZATION', 'gpu'),
  fc.constantFrom('2026-01-01T00:00:00Z', '2026-01-01T00:00:00.123+02:00', '2026-02-30T00:00:00Z', '2026-01-01 00:00:00', '2026-01-01T00:00:00'),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', minLength: 49, maxLength: 52 }),
  fc.integer(),
  fc.double(),
  fc.constant({}),
  fc.constant([]),
);

type Path = (string | number)[];

/** Every path to a value in `value`, so a mutation can land anywhere in the report. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, v]) => paths(v, [...prefix, key]))];
}

function mutate(report: unknown, path: Path, change: { kind: 'set' | 'delete' | 'add'; key: string; value: unknown }): unknown {
  const copy = structuredClone(report) as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last === undefined) return change.kind === 'add' && isPlainObject(copy) ? { ...copy, [change.key]: change.value } : change.value;
  if (typeof copy !== 'object' || copy === null) return copy;
  let target: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    // An earlier change may have replaced what this path runs through.
    if (typeof target[key] !== 'object' || target[key] === null) return copy;
    target = target[key] as Record<string | number, unknown>;
  }
  if (change.kind === 'delete' && !Array.isArray(target)) delete target[last];
  else if (change.kind === 'add' && isPlainObject(target[last])) (target[last] as Record<string, unknown>)[change.key] = change.value;
  else target[last] = change.value;
  return copy;
}

const isPlainObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

const allPaths = paths(healthy);
const mutation = fc.record({
  path: fc.constantFrom(...allPaths),
  kind: fc.constantFrom('set' as const, 'delete' as const, 'add' as const),
  key: fc.constantFrom('extra', 'type', 'status', 'reason', 'message', 'ready', 'value', 'available', 'components'),
  value: edgeValue,
});

describe('AgentReportValidator', () => {
  it("returns what the zod schema returns for the simulator's reports", () => {
    for (const health of ['healthy', 'missing-prerequisites', 'service-issues'] as const) {
      const body = reportBody(health, { version: '2.24', reportedAt: new Date(), acks: [] });
      expect(byValidator(body)).toEqual(byZod(body));
    }
    expect(byValidator(healthy)).toEqual(byZod(healthy));
  });

  it('fills in the defaults and drops unknown nested keys as zod does', () => {
    const body = { reportedAt: '2026-01-01T00:00:00Z', version: '2.24', conditions: [{ type: 'A', status: 'True', reason: 'Ok', junk: 1 }], operands: { s: { ready: true, junk: 2 } } };
    const parsed = validator.parse(structuredClone(body));
    expect(parsed).toEqual(byZod(body));
    expect(parsed).toMatchObject({ conditions: [{ message: '' }], dependencies: { required: {}, optional: {} } });
    expect(parsed.conditions[0]).not.toHaveProperty('junk');
  });

  it('refuses an unknown top-level key with the same error as zod', () => {
    const body = { ...healthy, clusterId: 'spoofed' };
    expect(() => validator.parse(structuredClone(body))).toThrow(AppError);
    expect(byValidator(body)).toEqual(byZod(body));
  });

  it('agrees with the zod schema on every report one or two changes away from a valid one', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 2 }), (changes) => {
        let body: unknown = healthy;
        for (const change of changes) body = mutate(body, change.path, change);
        expect(byValidator(body)).toEqual(byZod(body));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the zod schema on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        expect(byValidator(body)).toEqual(byZod(body));
      }),
      { numRuns: 500 },
    );
  });
});
