// The shared first half of `npm start`, `npm test` and `npm run bench`: dependencies, the three
// servers, a migrated database, and a fresh build.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './dependencies.mjs';
import { ensureInfrastructure } from './infra.mjs';
import { ok, step } from './log.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * @param {{ purpose: 'dev' | 'test', database: string, freshDatabase?: boolean }} options
 * @returns {Promise<{ databaseUrl: string, adminDatabaseUrl: string, redisUrl: string, natsUrl: string }>}
 */
export async function prepare({ purpose, database, freshDatabase = false }) {
  ensureDependencies(ROOT);
  // Imported after the install: they need packages from node_modules.
  const { deployMigrations, ensureDatabase, withDatabase } = await import('./migrate.mjs');
  const { build } = await import('../build.mjs');
  const { dropDatabase } = await import('./infra.mjs');

  step('looking for Postgres, Redis and NATS');
  const infra = await ensureInfrastructure({ purpose });
  const databaseUrl = withDatabase(infra.databaseUrl, database);
  if (freshDatabase) await dropDatabase(infra.databaseUrl, database);
  await ensureDatabase(databaseUrl);
  const { applied } = await deployMigrations(databaseUrl);
  ok(`database ${database} is migrated${applied.length ? ` (${applied.length} applied)` : ''}`);
  await build();
  return { databaseUrl, adminDatabaseUrl: infra.databaseUrl, redisUrl: infra.redisUrl, natsUrl: infra.natsUrl };
}
