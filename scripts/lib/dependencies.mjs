// Installs npm dependencies when node_modules is missing or older than the lockfile, so both
// `npm start` and `npm test` work on a fresh clone with nothing but Node and npm.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { ok, step } from './log.mjs';

export function ensureDependencies(root) {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  // `npm install`, not `npm ci`: it installs the locked versions too, but tolerates a registry
  // that does not serve every platform's optional binaries (a lockfile written there lacks
  // them, and npm ci refuses such a lockfile).
  step('installing dependencies (npm install)');
  const started = Date.now();
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm install failed (exit ${result.status}); see the output above`);
  // npm may rewrite the lockfile after its own marker: mark the install as current.
  const now = new Date();
  if (existsSync(marker)) utimesSync(marker, now, now);
  ok(`dependencies installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
