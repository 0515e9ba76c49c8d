import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The workspace root: the nearest folder above this file that holds nx.json. */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('workspace root (nx.json) not found');
    dir = parent;
  }
  return dir;
}

/** Where the built services are: `dist/`, or DIST_DIR (relative to the root) when set. */
export function distDir(): string {
  return join(repoRoot(), process.env['DIST_DIR'] ?? 'dist');
}
