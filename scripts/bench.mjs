#!/usr/bin/env node
// npm run bench [-- <scenario> …]: the same infrastructure step as `npm start` (its own
// database, recreated each run), then each scenario of bench/scenarios/ in turn, each bounded
// in time. Writes bench/results/latest.json and latest.md and prints a table.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fail, ok, progress, step } from './lib/log.mjs';
import { prepare, ROOT } from './lib/prepare.mjs';

const SCENARIO_DIR = join(ROOT, 'bench', 'scenarios');
const BENCH_DATABASE = process.env.BENCH_DATABASE ?? 'clusterplane_bench';

/** Scenario names are their file names; checked before the (slow) preparation starts. */
function selectScenarios(wanted) {
  const all = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.mjs')).map((f) => f.replace(/\.mjs$/, '')).sort();
  const unknown = wanted.filter((name) => !all.includes(name));
  if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')} (have: ${all.join(', ')})`);
  return wanted.length > 0 ? all.filter((name) => wanted.includes(name)) : all;
}

/**
 * Empties every table but the migrations' record. Each scenario starts from an empty fleet:
 * the clusters an earlier scenario left (create's thousands, still being provisioned, with
 * simulated agents reporting) would otherwise load the machine during the next one.
 */
async function emptyDatabase(db) {
  const { rows } = await db.query("SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'");
  if (rows.length > 0) await db.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`);
}

/** Imported only after the build: scenarios load the product's compiled code. */
async function loadScenario(name) {
  return (await import(pathToFileURL(join(SCENARIO_DIR, `${name}.mjs`)).href)).default;
}

async function main() {
  const startedAt = new Date().toISOString();
  // Everything shares the machine: a busy one lowers the product's rate more than the baseline's.
  const loadAverage = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  const names = selectScenarios(process.argv.slice(2));
  const infra = { ...(await prepare({ purpose: 'dev', database: BENCH_DATABASE, freshDatabase: true })), databaseName: BENCH_DATABASE };
  // Imported after prepare(): it may have just installed the packages these need.
  const { default: pg } = await import('pg');
  const { writeResults } = await import('../bench/lib/results.mjs');
  const db = new pg.Pool({ connectionString: infra.databaseUrl, max: 2 });

  const results = [];
  try {
    for (const name of names) {
      const scenario = await loadScenario(name);
      step(`scenario ${scenario.name}`);
      await emptyDatabase(db);
      const started = Date.now();
      const result = await scenario.run({ infra, db, step, ok, progress });
      ok(`${scenario.name}: ${result.met ? 'target met' : 'target NOT met'} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      results.push(result);
    }
  } finally {
    await db.end();
  }

  const files = writeResults(results, { startedAt, cpus: cpus().length, loadAverage });
  process.stdout.write('\n');
  for (const r of results) {
    process.stdout.write(`${r.name}: product ${r.product} ${r.unit ?? ''}, baseline ${r.baseline} ${r.unit ?? ''}, ratio ${r.ratio}, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, target ${r.target}: ${r.met ? 'met' : 'NOT met'}\n`);
  }
  process.stdout.write(`\nresults: ${files.json}, ${files.md}\n`);
}

main().catch((error) => {
  fail(error.stack ?? error.message);
  process.exit(1);
});
