#!/usr/bin/env node
// Generates the Prisma client into libs/persistence/src/generated/prisma.
// Runs as the npm `postinstall` hook and before builds, so it must be quick,
// quiet on success and harmless when dev dependencies are absent.
//
// Two Prisma 7 quirks are handled here:
// - The CLI insists on resolving a schema-engine binary even for `generate`
//   (which never runs it) and tries to download one when none is found. Pointing
//   PRISMA_SCHEMA_ENGINE_BINARY at any executable skips the download, which
//   matters on machines without access to binaries.prisma.sh.
// - prisma.config.ts reads DATABASE_URL, and `generate` fails without it even
//   though it never connects, so a placeholder is supplied when it is unset.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prismaCli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
const PLACEHOLDER_URL = 'postgresql://placeholder@127.0.0.1:5432/placeholder';

function main() {
  if (!existsSync(prismaCli)) {
    console.log('prisma-generate: node_modules/prisma not installed; skipping client generation');
    return 0;
  }
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
    DATABASE_URL: process.env.DATABASE_URL || PLACEHOLDER_URL,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  };
  const started = Date.now();
  const result = spawnSync(process.execPath, [prismaCli, 'generate'], { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) {
    // Only show Prisma's own (verbose) output when something went wrong.
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    console.error(`prisma-generate: \`prisma generate\` failed (exit ${result.status ?? result.signal})`);
    return result.status || 1;
  }
  console.log(`prisma-generate: client generated in ${Date.now() - started} ms`);
  return 0;
}

process.exitCode = main();
