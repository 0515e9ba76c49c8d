#!/usr/bin/env node
// Compiles apps/ and libs/ to dist/ with swc (decorator metadata on, aliases rewritten to
// relative paths), so each service runs as `node dist/apps/<name>/src/main.js`.
// Type checking is a separate step: `npm run typecheck`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ok, step } from './lib/log.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// DIST_DIR lets parallel work trees (or CI jobs) build without deleting each other's output.
const outDir = process.env.DIST_DIR ? join(root, process.env.DIST_DIR) : join(root, 'dist');

export async function build({ quiet = false } = {}) {
  const started = Date.now();
  if (!existsSync(join(root, 'libs/persistence/src/generated/prisma/client.ts'))) {
    const generated = spawnSync(process.execPath, [join(root, 'scripts/prisma-generate.mjs')], { stdio: 'inherit' });
    if (generated.status !== 0) throw new Error('prisma client generation failed');
  }
  const swc = await import('@swc/core');
  const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
  const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
  const options = {
    ...swcrc,
    swcrc: false,
    jsc: { ...swcrc.jsc, baseUrl: root, paths: compilerOptions.paths },
  };

  if (!quiet) step('compiling apps and libs with swc');
  rmSync(outDir, { recursive: true, force: true });
  const files = ['apps', 'libs'].flatMap((dir) => sourceFiles(join(root, dir)));
  await Promise.all(files.map(async (file) => {
    const { code, map } = await swc.transformFile(file, { ...options, filename: file, sourceFileName: relative(outDir, file) });
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
  }));
  if (!quiet) ok(`compiled ${files.length} files to ${relative(root, outDir)}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // test-support holds what only tests import (fixtures, plan inspectors): not shipped.
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'test-support' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  build().catch((error) => {
    process.stderr.write(`✖ build failed: ${error.message}\n`);
    process.exit(1);
  });
}
