import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..', '..', '..');

export interface PrivateDatabase {
  name: string;
  url: string;
  /** Drops the database, closing whatever is still connected to it. */
  drop(): Promise<void>;
}

/** `database` on the test server (TEST_DATABASE_URL, set by `npm test`). */
export function testServerUrl(database: string): string {
  const url = new URL(process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/clusterplane_test');
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer(work: (admin: Client) => Promise<unknown>): Promise<void> {
  const admin = new Client({ connectionString: testServerUrl('postgres') });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A database of one test file's own, with every migration applied: for tests that need a
 * fleet-sized seed or read table-wide statistics, which the shared test database's other
 * tests would disturb.
 */
export async function createPrivateDatabase(label: string): Promise<PrivateDatabase> {
  const name = `cp_${label}_${randomBytes(4).toString('hex')}`;
  await onServer((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = testServerUrl(name);
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [join(ROOT, 'scripts', 'migrate.mjs'), 'deploy'], { env: { ...process.env, DATABASE_URL: url } }, (error, _stdout, stderr) =>
      error ? reject(new Error(`migrate deploy failed: ${stderr}`)) : resolve(),
    );
  });
  return { name, url, drop: () => onServer((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}
