#!/usr/bin/env node
// npm test: the same infrastructure step as `npm start`, then type checking, lint (module
// boundaries), unit tests, and integration + end-to-end tests against real Postgres, Redis
// and NATS. Its own database, Redis key prefixes and NATS subjects keep it apart from a dev
// stack. The last line is `tests: N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fail, ok, step } from './lib/log.mjs';
import { prepare, ROOT } from './lib/prepare.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'skip-checks': { type: 'boolean', default: false },
    only: { type: 'string' }, // unit | integration | e2e
  },
});

const TEST_DATABASE = 'clusterplane_test';

function run(label, command, args, env = {}) {
  step(label);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) ok(`${label} (${seconds} s)`);
  else fail(`${label} failed (${seconds} s)`);
  return result.status === 0;
}

/** Nx's command line, wherever its package keeps it. */
function nxBin() {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'nx', 'package.json'), 'utf8'));
  return join(ROOT, 'node_modules', 'nx', typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.nx);
}

function jest(projects, extraArgs, env) {
  const report = join(ROOT, '.local', `jest-${projects.join('-')}.json`);
  const args = [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--selectProjects', ...projects, '--json', `--outputFile=${report}`, ...extraArgs, ...positionals];
  const passedRun = run(`jest ${projects.join(' + ')}`, process.execPath, args, env);
  if (!existsSync(report)) return { passed: 0, failed: passedRun ? 0 : 1 };
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  rmSync(report);
  // A suite that failed to load, or a jest run that failed without a failing test (no tests
  // found, a crash), counts as a failure.
  const failed = summary.numFailedTests + (summary.numRuntimeErrorTestSuites ?? 0);
  return { passed: summary.numPassedTests, failed: failed === 0 && !passedRun ? 1 : failed };
}

async function main() {
  const started = Date.now();
  mkdirSync(join(ROOT, '.local'), { recursive: true });
  const infra = await prepare({ purpose: 'test', database: TEST_DATABASE, freshDatabase: true });
  const env = {
    TEST_DATABASE_URL: infra.databaseUrl,
    DATABASE_ADMIN_URL: infra.adminDatabaseUrl,
    REDIS_URL: infra.redisUrl,
    NATS_URL: infra.natsUrl,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
  };

  let checksFailed = 0;
  if (!values['skip-checks'] && !values.only) {
    if (!run('type check (tsc --noEmit)', process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'])) checksFailed++;
    // The module-boundary rule reads Nx's project graph and silently skips without it, so the
    // graph is computed first, and a failure to compute it fails the check.
    if (!run('project graph for the module-boundary rule (nx)', process.execPath, [nxBin(), 'show', 'projects'], env)) checksFailed++;
    else if (!run('lint with module boundaries (eslint)', process.execPath, [join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--max-warnings=0', 'apps', 'libs', 'e2e'], env)) checksFailed++;
  }

  const totals = { passed: 0, failed: checksFailed };
  const add = (r) => {
    totals.passed += r.passed;
    totals.failed += r.failed;
  };
  if (!values.only || values.only === 'unit') add(jest(['unit'], [], env));
  const serial = ['integration', 'e2e'].filter((p) => !values.only || values.only === p);
  if (serial.length > 0) add(jest(serial, ['--runInBand'], env));

  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (checksFailed) fail(`${checksFailed} check(s) failed (type check or lint); they count as failures below`);
  process.stdout.write(`\nfinished in ${seconds} s\ntests: ${totals.passed} passed, ${totals.failed} failed\n`);
  process.exitCode = totals.failed === 0 && totals.passed > 0 ? 0 : 1;
}

main().catch((error) => {
  fail(error.message);
  process.stdout.write('tests: 0 passed, 1 failed\n');
  process.exit(1);
});
