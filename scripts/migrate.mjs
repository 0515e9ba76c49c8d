#!/usr/bin/env node
// Database migrations CLI (see scripts/lib/migrate.mjs for how it works).
//
//   node scripts/migrate.mjs deploy          create the database if needed, apply pending migrations
//   node scripts/migrate.mjs status          list applied/pending migrations; exit 1 unless up to date
//   node scripts/migrate.mjs create <name>   write a migration for the schema changes not yet migrated
//   node scripts/migrate.mjs drift           print SQL the migrations miss; exit 1 if there is any
//
// DATABASE_URL selects the database (default: local development database).
// Progress goes to stderr; machine-readable output (drift SQL) to stdout.
import {
  createMigration,
  deployMigrations,
  ensureDatabase,
  migrationStatus,
  redact,
  schemaDrift,
} from './lib/migrate.mjs';
import { fail, ok, step, warn } from './lib/log.mjs';

const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/clusterplane';
const USAGE = 'usage: node scripts/migrate.mjs deploy | status | create <name> | drift';

async function deploy(databaseUrl) {
  const started = Date.now();
  step(`migrating ${redact(databaseUrl)}`);
  if (await ensureDatabase(databaseUrl)) ok('created database');
  // The library logs `applied <name>` per migration; anything else is a warning.
  const log = (message) => (message.startsWith('applied ') ? ok(message) : warn(message));
  const { applied, alreadyApplied } = await deployMigrations(databaseUrl, { log });
  const summary = applied.length === 0 ? 'no pending migrations' : `applied ${applied.length} migration(s)`;
  ok(`${summary}, ${alreadyApplied} already applied (${Date.now() - started} ms)`);
  return 0;
}

async function status(databaseUrl) {
  step(`status of ${redact(databaseUrl)}`);
  const report = await migrationStatus(databaseUrl);
  const list = (label, names) => names.length > 0 && console.error(`  ${label}:\n${names.map((n) => `    ${n}`).join('\n')}`);
  list('applied', report.applied);
  list('pending', report.pending);
  list('FAILED', report.failed);
  list('EDITED AFTER APPLYING (checksum mismatch)', report.checksumMismatch);
  list('in database but not in prisma/migrations', report.notInDirectory);
  const healthy = report.failed.length === 0 && report.checksumMismatch.length === 0;
  if (healthy && report.pending.length === 0) {
    ok('database is up to date');
    return 0;
  }
  if (healthy) warn(`${report.pending.length} pending migration(s); run: npm run migrate -- deploy`);
  else fail('migration history needs attention');
  return 1;
}

async function create(databaseUrl, name) {
  if (!name) throw new Error(`a migration name is required\n${USAGE}`);
  step('diffing prisma/migrations against prisma/schema.prisma (temporary shadow database)');
  const directory = await createMigration(name, { databaseUrl, log: ok });
  if (directory) ok(`wrote prisma/migrations/${directory}/migration.sql — review it, then run: npm run migrate -- deploy`);
  return 0;
}

async function drift(databaseUrl) {
  step('diffing prisma/migrations against prisma/schema.prisma (temporary shadow database)');
  const sql = await schemaDrift({ databaseUrl });
  if (!sql) {
    ok('migrations produce exactly prisma/schema.prisma');
    return 0;
  }
  process.stdout.write(sql);
  fail('prisma/schema.prisma has changes without a migration; run: npm run migrate create <name>');
  return 1;
}

async function main([command, ...args]) {
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  switch (command) {
    case 'deploy':
      return deploy(databaseUrl);
    case 'status':
      return status(databaseUrl);
    case 'create':
      return create(databaseUrl, args[0]);
    case 'drift':
      return drift(databaseUrl);
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    fail(`migrate ${process.argv[2]} failed: ${error.message}`);
    if (error.cause?.detail) console.error(`  detail: ${error.cause.detail}`);
    if (error.cause?.hint) console.error(`  hint: ${error.cause.hint}`);
    process.exitCode = 1;
  },
);
