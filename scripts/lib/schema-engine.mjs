// Thin wrapper around Prisma's schema engine compiled to WebAssembly.
//
// The Prisma CLI drives a native schema-engine binary that it downloads on first
// use; where binaries.prisma.sh is unreachable, `prisma migrate` cannot run at all.
// The same engine ships as WebAssembly (@prisma/schema-engine-wasm, the exact build
// the pinned `prisma` package embeds) and talks to Postgres through a JS driver
// adapter, so authoring tools (migration diffs, drift checks) use it from here.
//
// This is Prisma-internal API: @prisma/schema-engine-wasm, @prisma/adapter-pg and
// @prisma/driver-adapter-utils are pinned to exact versions in package.json and must
// be upgraded together with `prisma` (the wasm version carries prisma's engine hash).
//
// Only the runtime-free parts of the engine are used (diff, history diagnosis).
// Applying migrations is done by ./migrate.mjs with plain `pg`, because the
// adapter's script execution splits on every `;` and would break `$$` bodies.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Postgres OIDs: the internal one-byte `"char"` type and `text`. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

const NO_FILTERS = { externalTables: [], externalEnums: [] };

let bindingsPromise;

/**
 * Loads the wasm-bindgen glue and instantiates the engine by hand: the package's
 * entry point does `import * as wasm from "./x.wasm"`, which Node 20 only supports
 * behind --experimental-wasm-modules.
 */
function loadBindings() {
  bindingsPromise ??= (async () => {
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = await import(gluePath);
    const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return glue;
  })();
  return bindingsPromise;
}

/**
 * The engine introspects pg_catalog columns of type `"char"` (relkind, contype, ...),
 * which @prisma/adapter-pg rejects as an unsupported column type. Their text form is
 * a one-character string, so reporting them as `text` is exact.
 */
function retypeCharColumns(result) {
  for (const part of [result].flat()) {
    for (const field of part?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

/** A pg Client whose results never carry `"char"` columns (see retypeCharColumns). */
async function charTolerantClientClass() {
  const { default: pg } = await import('pg');
  return class CharTolerantClient extends pg.Client {
    query(...args) {
      const callbackIndex = args.findIndex((arg) => typeof arg === 'function');
      if (callbackIndex >= 0) {
        // pg.Pool#query uses the callback form.
        const callback = args[callbackIndex];
        args[callbackIndex] = (error, result) => callback(error, error ? result : retypeCharColumns(result));
        return super.query(...args);
      }
      const pending = super.query(...args);
      return typeof pending?.then === 'function' ? pending.then(retypeCharColumns) : pending;
    }
  };
}

/**
 * A driver-adapter factory for one database that remembers every pool it opens so
 * they can be closed deterministically (the engine never disposes them, and an idle
 * pool would keep the process alive and block DROP DATABASE).
 * Shadow databases are deliberately unsupported: callers prepare the database
 * themselves, because adapter-pg's shadow handling is unreliable.
 */
async function trackedAdapterFactory(databaseUrl) {
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const inner = new PrismaPg({ connectionString: databaseUrl, Client: await charTolerantClientClass() });
  const adapters = [];
  const factory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = await inner.connect();
      adapters.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      throw new Error('shadow databases are prepared by scripts/lib/migrate.mjs, not by the schema engine');
    },
  };
  const disposeAll = async () => {
    await Promise.allSettled(adapters.splice(0).map((adapter) => adapter.dispose()));
  };
  return { factory, disposeAll };
}

function forwardEngineLog(line) {
  // The engine logs JSON lines; only problems are worth surfacing.
  try {
    const { level, fields } = JSON.parse(line);
    if (level === 'WARN' || level === 'ERROR') console.error(`schema engine ${level}: ${fields?.message ?? line}`);
  } catch {
    // Non-JSON output is debug noise.
  }
}

/**
 * Runs `fn(engine, schemaFiles)` with an engine connected to `databaseUrl` and the
 * Prisma schema at `schemaPath`; always frees the engine and closes its pools.
 */
export async function withSchemaEngine(databaseUrl, schemaPath, fn) {
  const [bindings, content, { bindMigrationAwareSqlAdapterFactory }] = await Promise.all([
    loadBindings(),
    readFile(schemaPath, 'utf8'),
    import('@prisma/driver-adapter-utils'),
  ]);
  const schemaFiles = [{ path: schemaPath, content }];
  const { factory, disposeAll } = await trackedAdapterFactory(databaseUrl);
  let engine;
  try {
    engine = await bindings.SchemaEngine.new(
      { datamodels: schemaFiles.map((file) => [file.path, file.content]) },
      forwardEngineLog,
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return await fn(engine, schemaFiles);
  } finally {
    engine?.free();
    await disposeAll();
  }
}

/** The engine's rendering of "no steps". */
function isEmptyScript(script) {
  return script
    .split('\n')
    .every((line) => line.trim() === '' || line.trim().startsWith('--'));
}

/**
 * SQL that would take the database at `databaseUrl` to the Prisma schema at
 * `schemaPath`; '' when they already agree. The `_prisma_migrations` table is
 * ignored by the engine.
 */
export async function diffDatabaseToSchema(databaseUrl, schemaPath, { configDir } = {}) {
  return withSchemaEngine(databaseUrl, schemaPath, async (engine, files) => {
    const { stdout } = await engine.diff({
      from: { tag: 'schemaDatasource', files, configDir: configDir ?? process.cwd() },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const script = stdout ?? '';
    return isEmptyScript(script) ? '' : script;
  });
}

/**
 * Prisma's own reading of the migration history in `databaseUrl` against the given
 * migration directories ({ name, sql }[]), without a shadow database. Used to check
 * that rows written by migrate.mjs are exactly what `prisma migrate` expects.
 */
export async function diagnoseMigrationHistory(databaseUrl, schemaPath, migrationsDir, migrations) {
  return withSchemaEngine(databaseUrl, schemaPath, (engine) =>
    engine.diagnoseMigrationHistory({
      migrationsList: {
        baseDir: migrationsDir,
        lockfile: { path: 'migration_lock.toml', content: 'provider = "postgresql"\n' },
        shadowDbInitScript: '',
        migrationDirectories: migrations.map(({ name, sql }) => ({
          path: name,
          migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: sql } },
        })),
      },
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    }),
  );
}

/** The engine build in use, e.g. to report it next to `prisma --version`. */
export async function schemaEngineVersion() {
  return (await loadBindings()).version();
}
