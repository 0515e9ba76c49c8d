import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ALL_SERVICES, http, signTestToken, TestSystem, uniqueTenant } from '@clusterplane/testing';
import { AnswerChecks, type Problem } from './support/fuzz/answer-checks';
import { fuzzPlan } from './support/fuzz/fuzz-plan';
import { describeRequest, type FuzzCase } from './support/fuzz/fuzz-request';
import { documentResolver, operationsOf, type OperationModel } from './support/fuzz/openapi-operations';
import { RawHttpClient } from './support/fuzz/raw-http';
import type { Schema } from './support/fuzz/schema-values';
import type { FuzzContext } from './support/fuzz/valid-requests';
import { routeKey, ROUTE_RECIPES } from './support/route-inventory';
import { createFleet, type Fleet } from './support/tenant-fleet';

/**
 * SPEC section 8 as a fuzz test: requests drawn from the served /openapi.json over every
 * documented operation, valid and bad (types, ranges, patterns, framing, encodings, headers),
 * against the whole system. No answer may be a 5xx, every error has its dialect's documented
 * body, and the services neither crash nor stop being ready.
 *
 * FUZZ_SEED replays a run (the seed is printed); FUZZ_CASES=12,345 sends only those cases;
 * FUZZ_REQUESTS sets how many (default 10 000); FUZZ_TIME_BUDGET_MS bounds the sending.
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? randomInt(0, 2 ** 31 - 1));
const TOTAL = Number(process.env['FUZZ_REQUESTS'] ?? 10_000);
const ONLY = process.env['FUZZ_CASES']?.split(',').map(Number);
const TIME_BUDGET_MS = Number(process.env['FUZZ_TIME_BUDGET_MS'] ?? 240_000);
const CONCURRENCY = 16;
const REQUEST_TIMEOUT_MS = 30_000;
/** What a crash or an unhandled promise leaves in a service's log. */
const CRASH_PATTERN = /unhandledRejection|uncaughtException|UnhandledPromiseRejection|triggerUncaughtException|FATAL ERROR|"msg":"unhandled error"/;
const SHOWN_PER_PROBLEM = 8;

interface Failure {
  index: number;
  fuzzCase: FuzzCase;
  problem: Problem;
  detail: string;
}

function fuzzContext(document: Schema, fleet: Fleet, tokens: { admin: string; ops: string }): FuzzContext {
  const recipe = (operation: OperationModel) => ROUTE_RECIPES[routeKey(operation.method, operation.template)];
  return {
    resolve: documentResolver(document),
    project: fleet.ids.project,
    realPath: (operation) => recipe(operation)?.path?.map((segment) => (typeof segment === 'string' ? fleet.ids[segment] : segment.value)),
    baseQuery: (operation) => [...new URLSearchParams(recipe(operation)?.query ?? '').entries()],
    knownBody: (operation, unique) => recipe(operation)?.body?.(unique),
    authorization: (operation) => {
      if (operation.auth === 'agent') return `Bearer ${fleet.agentSecret}`;
      if (operation.auth === 'none') return undefined;
      return `Bearer ${operation.template.startsWith('/ops/') || operation.template === '/metrics' ? tokens.ops : tokens.admin}`;
    },
  };
}

async function sendAll(client: RawHttpClient, cases: FuzzCase[], indexes: number[], check: (index: number, status: number, answer: Awaited<ReturnType<RawHttpClient['send']>>) => void): Promise<{ sent: number; elapsedMs: number }> {
  const started = Date.now();
  let next = 0;
  let sent = 0;
  const worker = async () => {
    while (next < indexes.length && Date.now() - started < TIME_BUDGET_MS) {
      const index = indexes[next++]!;
      const { request } = cases[index]!;
      const answer = await client.send({ ...request, body: typeof request.body === 'function' ? request.body() : request.body });
      sent++;
      check(index, answer.status, answer);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { sent, elapsedMs: Date.now() - started };
}

describe('fuzzing every documented operation', () => {
  let system: TestSystem;
  let fleet: Fleet;
  let tokens: { admin: string; ops: string };

  beforeAll(async () => {
    system = await TestSystem.start({
      label: 'fuzz',
      env: { JOB_BACKOFF_MS: '20', SIM_AGENT_INTERVAL_MS: '300', RATE_LIMIT_MUTATIONS_PER_S: '1000000', RATE_LIMIT_BURST: '1000000' },
      // A command slowed by the load of the run itself is not what this test is about.
      serviceEnv: { gateway: { COMMAND_TIMEOUT_MS: '30000' } },
    });
    const tenant = uniqueTenant('fuzz');
    tokens = { admin: await signTestToken(tenant, ['admin']), ops: await signTestToken(tenant, ['ops']) };
    fleet = await createFleet(system.gatewayUrl, tenant, tokens.admin);
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('answers no input with a 5xx, names the field of a bad one, and stays up and ready', async () => {
    const document = (await http<Schema>(system.gatewayUrl, 'GET', '/openapi.json')).body;
    const operations = operationsOf(document);
    const byKey = new Map(operations.map((o) => [o.key, o]));
    const cases = fuzzPlan(operations, fuzzContext(document, fleet, tokens), SEED, TOTAL);
    const indexes = ONLY ?? cases.map((_, i) => i);
    process.stdout.write(`fuzz: seed ${SEED} (FUZZ_SEED=${SEED} replays it), ${indexes.length} requests over ${operations.length} operations\n`);

    const checks = new AnswerChecks(document);
    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    const kinds = new Map<string, number>();
    const covered = new Set<string>();
    const client = new RawHttpClient(system.gatewayUrl, CONCURRENCY, REQUEST_TIMEOUT_MS);
    let run: { sent: number; elapsedMs: number };
    try {
      run = await sendAll(client, cases, indexes, (index, status, answer) => {
        const fuzzCase = cases[index]!;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        kinds.set(fuzzCase.kind, (kinds.get(fuzzCase.kind) ?? 0) + 1);
        covered.add(fuzzCase.operation);
        for (const { problem, detail } of checks.problems(fuzzCase, byKey.get(fuzzCase.operation)!, answer)) failures.push({ index, fuzzCase, problem, detail });
      });
    } finally {
      client.close();
    }

    const histogram = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    process.stdout.write(
      `fuzz: ${run.sent} requests in ${(run.elapsedMs / 1000).toFixed(1)} s (${Math.round(run.sent / (run.elapsedMs / 1000))}/s), ${covered.size} operations; statuses ${histogram}\n` +
        `fuzz: kinds ${[...kinds.entries()].map(([k, n]) => `${k}×${n}`).join(', ')}\n`,
    );
    const report = [...new Set(failures.map((f) => f.problem))].flatMap((problem) => {
      const of = failures.filter((f) => f.problem === problem);
      return [`${problem}: ${of.length}`, ...of.slice(0, SHOWN_PER_PROBLEM).map((f) => `  #${f.index} ${f.fuzzCase.operation} [${f.fuzzCase.kind}] → ${f.detail}\n    ${describeRequest(f.fuzzCase.request)}`)];
    });
    expect(report).toEqual([]);
    expect(run.sent).toBe(indexes.length);
    if (!ONLY) expect(covered.size).toBe(operations.length);

    const crashed = ALL_SERVICES.filter((name) => !alive(system.service(name).pid));
    expect(crashed).toEqual([]);
    const crashLines = ALL_SERVICES.flatMap((name) =>
      readFileSync(system.service(name).logFile, 'utf8')
        .split('\n')
        .filter((line) => CRASH_PATTERN.test(line))
        .map((line) => `${name}: ${line.slice(0, 500)}`),
    );
    expect(crashLines).toEqual([]);
    const ready = await Promise.all(ALL_SERVICES.map(async (name) => [name, (await fetch(`${system.service(name).url}/readyz`, { signal: AbortSignal.timeout(5_000) })).status] as const));
    expect(ready.filter(([, status]) => status !== 200)).toEqual([]);
  }, 600_000);
});

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
