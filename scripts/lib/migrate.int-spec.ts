// Integration test of the migration runner against a real Postgres server.
//
// The runner is an ES module (.mjs). Jest runs this file as CommonJS inside a vm
// context, where importing ESM needs --experimental-vm-modules, so each call runs the
// module in a child Node process instead. That is also what makes the concurrency
// case honest: two separate processes racing, like two services starting together.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/';
const ROOT = join(__dirname, '..', '..');
const MIGRATE_MODULE = join(__dirname, 'migrate.mjs');
const ENGINE_MODULE = join(__dirname, 'schema-engine.mjs');
const MIGRATIONS_DIR = join(ROOT, 'prisma', 'migrations');
const SCHEMA_PATH = join(ROOT, 'prisma', 'schema.prisma');

interface DeployResult {
  applied: string[];
  alreadyApplied: number;
}

interface StatusResult {
  applied: string[];
  pending: string[];
  failed: string[];
  checksumMismatch: string[];
  notInDirectory: string[];
}

// Imports `modulePath` in a fresh Node process, awaits `exportName(...args)` and
// reports the JSON result or the error message back on stdout.
const RUNNER = `
const { MODULE, EXPORT, ARGS } = process.env;
try {
  const value = await (await import(MODULE))[EXPORT](...JSON.parse(ARGS));
  process.stdout.write(JSON.stringify({ ok: true, value: value ?? null }));
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, message: String(error?.message ?? error) }));
}`;

function callModule<T>(modulePath: string, exportName: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', RUNNER],
      { env: { ...process.env, MODULE: modulePath, EXPORT: exportName, ARGS: JSON.stringify(args) } },
      (error, stdout, stderr) => {
        if (error && !stdout) return reject(new Error(`${exportName} crashed: ${stderr || error.message}`));
        const outcome = JSON.parse(stdout) as { ok: boolean; value?: T; message?: string };
        if (outcome.ok) resolve(outcome.value as T);
        else reject(new Error(outcome.message));
      },
    );
  });
}

const migrate = {
  deploy: (url: string, options: { migrationsDir?: string } = {}) =>
    callModule<DeployResult>(MIGRATE_MODULE, 'deployMigrations', url, options),
  status: (url: string) => callModule<StatusResult>(MIGRATE_MODULE, 'migrationStatus', url),
  drift: (url: string) => callModule<string>(MIGRATE_MODULE, 'schemaDrift', { databaseUrl: url }),
};

function runCli(args: string[], databaseUrl: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'scripts', 'migrate.mjs'), ...args],
      { env: { ...process.env, DATABASE_URL: databaseUrl } },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const admin = <T>(fn: (client: Client) => Promise<T>) => withClient(urlFor('postgres'), fn);

async function migrationsOnDisk(dir = MIGRATIONS_DIR): Promise<{ name: string; sql: string }[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(names.map(async (name) => ({ name, sql: await readFile(join(dir, name, 'migration.sql'), 'utf8') })));
}

describe('scripts/lib/migrate.mjs', () => {
  const suffix = randomBytes(4).toString('hex');
  const mainDb = `cp_migrate_test_${suffix}`;
  const raceDb = `cp_migrate_test_${suffix}_race`;
  const cliDb = `cp_migrate_test_${suffix}_cli`;
  const mainUrl = urlFor(mainDb);
  let migrations: { name: string; sql: string }[];
  let scratchDir: string;

  beforeAll(async () => {
    migrations = await migrationsOnDisk();
    scratchDir = await mkdtemp(join(tmpdir(), 'cp-migrate-'));
    await admin(async (client) => {
      await client.query(`CREATE DATABASE "${mainDb}"`);
      await client.query(`CREATE DATABASE "${raceDb}"`);
    });
  });

  afterAll(async () => {
    await admin(async (client) => {
      for (const db of [mainDb, raceDb, cliDb]) await client.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    });
    await rm(scratchDir, { recursive: true, force: true });
  });

  it('has the initial and the partial-index migrations', () => {
    expect(migrations.map((m) => m.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\d{14}_init$/), expect.stringMatching(/^\d{14}_live_cluster_name_unique$/)]),
    );
  });

  it('applies every migration to an empty database and records it like prisma migrate', async () => {
    const result = await migrate.deploy(mainUrl);

    expect(result).toEqual({ applied: migrations.map((m) => m.name), alreadyApplied: 0 });
    await withClient(mainUrl, async (client) => {
      const tables = await client.query(
        `SELECT to_regclass('tenants') AS tenants, to_regclass('clusters') AS clusters, to_regclass('outbox_events') AS outbox`,
      );
      expect(tables.rows[0]).toEqual({ tenants: 'tenants', clusters: 'clusters', outbox: 'outbox_events' });
      const partial = await client.query(
        `SELECT indexname FROM pg_indexes WHERE indexname IN ('clusters_tenant_live_name_key', 'outbox_events_unpublished_idx') ORDER BY 1`,
      );
      expect(partial.rows.map((row) => row.indexname)).toEqual(['clusters_tenant_live_name_key', 'outbox_events_unpublished_idx']);
      const rows = await client.query(
        `SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL AS finished, rolled_back_at
           FROM _prisma_migrations ORDER BY migration_name`,
      );
      expect(rows.rows).toEqual(
        migrations.map((m) => ({
          migration_name: m.name,
          checksum: createHash('sha256').update(m.sql).digest('hex'),
          applied_steps_count: 1,
          finished: true,
          rolled_back_at: null,
        })),
      );
    });
  });

  it('applies nothing the second time and reports the database up to date', async () => {
    expect(await migrate.deploy(mainUrl)).toEqual({ applied: [], alreadyApplied: migrations.length });
    expect(await migrate.status(mainUrl)).toEqual({
      applied: migrations.map((m) => m.name),
      pending: [],
      failed: [],
      checksumMismatch: [],
      notInDirectory: [],
    });
  });

  it("writes history rows that Prisma's own engine accepts", async () => {
    const diagnosis = await callModule<Record<string, unknown>>(
      ENGINE_MODULE,
      'diagnoseMigrationHistory',
      mainUrl,
      SCHEMA_PATH,
      MIGRATIONS_DIR,
      migrations,
    );
    expect(diagnosis).toEqual({ editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: true, history: null });
  });

  it('finds no drift between the migrations and prisma/schema.prisma', async () => {
    // A schema change without a matching migration fails here; `npm run migrate create <name>` fixes it.
    expect(await migrate.drift(mainUrl)).toBe('');
  });

  it('refuses to continue when an applied migration was edited', async () => {
    const first = migrations[0].name;
    await withClient(mainUrl, (client) =>
      client.query(`UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1`, [first]),
    );
    try {
      await expect(migrate.deploy(mainUrl)).rejects.toThrow(new RegExp(`checksum mismatch[\\s\\S]*${first}`));
      expect((await migrate.status(mainUrl)).checksumMismatch).toEqual([first]);
    } finally {
      const checksum = createHash('sha256').update(migrations[0].sql).digest('hex');
      await withClient(mainUrl, (client) =>
        client.query(`UPDATE _prisma_migrations SET checksum = $2 WHERE migration_name = $1`, [first, checksum]),
      );
    }
  });

  describe('with extra migrations', () => {
    const DOLLAR_QUOTED = {
      '29990101000000_dollar_quoted': `-- a comment; with a semicolon
CREATE FUNCTION cp_test_answer() RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1; -- statement separators inside the body
  RETURN 42;
END;
$$;
`,
    };

    async function migrationsDirWith(extra: Record<string, string>): Promise<string> {
      const dir = join(scratchDir, randomBytes(4).toString('hex'));
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      for (const [name, sql] of Object.entries(extra)) {
        await mkdir(join(dir, name));
        await writeFile(join(dir, name, 'migration.sql'), sql);
      }
      return dir;
    }

    it('runs each file whole, so dollar-quoted bodies and comments with semicolons survive', async () => {
      const dir = await migrationsDirWith(DOLLAR_QUOTED);
      expect(await migrate.deploy(mainUrl, { migrationsDir: dir })).toEqual({
        applied: ['29990101000000_dollar_quoted'],
        alreadyApplied: migrations.length,
      });
      const { rows } = await withClient(mainUrl, (client) => client.query('SELECT cp_test_answer() AS answer'));
      expect(rows[0].answer).toBe(42);
    });

    it('rolls back a failing file completely and records nothing', async () => {
      const dir = await migrationsDirWith({
        ...DOLLAR_QUOTED,
        '29990102000000_broken': 'CREATE TABLE cp_test_half_done (id integer);\nSELECT 1 / 0;\n',
      });
      await expect(migrate.deploy(mainUrl, { migrationsDir: dir })).rejects.toThrow(
        /migration 29990102000000_broken failed and was rolled back.*division by zero/,
      );
      await withClient(mainUrl, async (client) => {
        const table = await client.query(`SELECT to_regclass('cp_test_half_done') AS present`);
        expect(table.rows[0].present).toBeNull();
        const rows = await client.query(`SELECT 1 FROM _prisma_migrations WHERE migration_name = '29990102000000_broken'`);
        expect(rows.rowCount).toBe(0);
      });
    });

    it('refuses to continue after a failed attempt recorded by prisma migrate', async () => {
      await withClient(mainUrl, (client) =>
        client.query(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs)
           VALUES (gen_random_uuid(), repeat('1', 64), '29990103000000_failed_elsewhere', 'boom')`,
        ),
      );
      await expect(migrate.deploy(mainUrl)).rejects.toThrow(/previous migration attempt failed[\s\S]*29990103000000_failed_elsewhere/);
      expect((await migrate.status(mainUrl)).failed).toEqual(['29990103000000_failed_elsewhere']);
    });
  });

  it('lets concurrent deployers race safely: every migration is applied and recorded exactly once', async () => {
    const raceUrl = urlFor(raceDb);
    const results = await Promise.all([migrate.deploy(raceUrl), migrate.deploy(raceUrl)]);

    const appliedByEither = results.flatMap((result) => result.applied).sort();
    expect(appliedByEither).toEqual(migrations.map((m) => m.name));
    const { rows } = await withClient(raceUrl, (client) =>
      client.query(`SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY 1 ORDER BY 1`),
    );
    expect(rows).toEqual(migrations.map((m) => ({ migration_name: m.name, n: 1 })));
  });

  it('CLI deploy creates a missing database and status then exits 0', async () => {
    const cliUrl = urlFor(cliDb);
    const deploy = await runCli(['deploy'], cliUrl);
    expect(deploy).toEqual({ code: 0, stderr: expect.stringContaining('created database') });
    const status = await runCli(['status'], cliUrl);
    expect(status).toEqual({ code: 0, stderr: expect.stringContaining('database is up to date') });
  });
});
