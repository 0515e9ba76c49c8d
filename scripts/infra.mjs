#!/usr/bin/env node
// Local infrastructure (Postgres, Redis, NATS JetStream) for development and tests.
//
//   node scripts/infra.mjs [up]      reuse or start the servers; prints KEY=value lines on stdout
//        up --test                   same, with test settings (no fsync, no Redis AOF)
//   node scripts/infra.mjs status    show what answers (exit code 1 if something does not)
//   node scripts/infra.mjs down      stop the servers this script started (recorded in .local/*.pid)
//        down --purge                also delete their data in .local/
//
// Progress goes to stderr, so `eval "$(node scripts/infra.mjs up)"` works in a shell.

import { ensureInfrastructure, infrastructureStatus, stopRecordedServices } from './lib/infra.mjs';
import * as log from './lib/log.mjs';

const USAGE = 'Usage: node scripts/infra.mjs [up [--test] | status | down [--purge]]';

/** Quotes a value only when a shell would otherwise mangle it; plain URLs stay readable. */
function shellValue(value) {
  return /^[\w@%+=:,./-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

async function up(flags) {
  const infra = await ensureInfrastructure({ purpose: flags.has('--test') ? 'test' : 'dev', log });
  const lines = {
    DATABASE_URL: infra.databaseUrl,
    REDIS_URL: infra.redisUrl,
    NATS_URL: infra.natsUrl,
  };
  for (const [key, value] of Object.entries(lines)) process.stdout.write(`${key}=${shellValue(value)}\n`);
  return 0;
}

async function status() {
  const rows = await infrastructureStatus();
  for (const row of rows) {
    const mark = row.ok ? '✔' : '✖';
    const managed = row.managedBy ? `, started by infra.mjs (${row.managedBy})` : '';
    process.stdout.write(`${mark} ${row.service.padEnd(8)} ${row.url}  [${row.source}${managed}] ${row.detail}\n`);
  }
  // Each service needs one answering URL; a dead .local/ record next to a live default is fine.
  const services = new Set(rows.map((r) => r.service));
  const allOk = [...services].every((name) => rows.some((r) => r.service === name && r.ok));
  return allOk ? 0 : 1;
}

async function down(flags) {
  const stopped = await stopRecordedServices({ log, purge: flags.has('--purge') });
  if (!stopped.length) log.step('Nothing recorded in .local/ was running');
  return 0;
}

async function main(argv) {
  const hasCommand = argv.length > 0 && !argv[0].startsWith('--');
  const command = hasCommand ? argv[0] : 'up';
  const flags = new Set(hasCommand ? argv.slice(1) : argv);
  const commands = { up, status, down };
  if (command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!commands[command]) {
    log.fail(`Unknown command "${command}". ${USAGE}`);
    return 2;
  }
  return commands[command](flags);
}

// `node scripts/infra.mjs status | head -1` closes our stdout early; that is not an error.
process.stdout.on('error', (err) => {
  if (err.code !== 'EPIPE') throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    log.fail(err.message);
    process.exitCode = 1;
  },
);
