// Proves that the Prisma CLI works offline through prisma/engine/schema-engine (the wasm
// schema engine bridge), on embedded PGlite and on a real PostgreSQL server, and that
// applyMigrations() migrates in-process.
//
//   node --import tsx --test tests/integration/prisma-bridge.test.ts
//   TEST_DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/thidua_test node --import tsx --test tests/integration/prisma-bridge.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PROJECT_ROOT, openPglite, withPgClient } from '../../prisma/engine/adapters.mjs';
import { applyMigrations } from '../../src/db/migrate.ts';
import { createPgAdapter, createPgDatabase, databaseUrlWithName, dropPgDatabase } from '../../src/db/pg.ts';

const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations');
const BRIDGE = path.join(PROJECT_ROOT, 'prisma', 'engine', 'schema-engine');
// generous: a loaded 2-core machine runs these 5–10x slower than an idle one
const TIMEOUT = 900_000;

/** Names of the migrations in prisma/migrations, in the order they apply. */
function migrationNames(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(MIGRATIONS_DIR, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b));
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run a command (in the project root unless `cwd`) with a clean Prisma environment plus `env`. */
function run(command: string, args: string[], env: Record<string, string>, cwd = PROJECT_ROOT): Promise<RunResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  // prisma.config.ts must find the bridge by itself.
  delete childEnv.PRISMA_SCHEMA_ENGINE_BINARY;
  delete childEnv.SHADOW_DATABASE_URL;
  if (!('DATABASE_URL' in env)) delete childEnv.DATABASE_URL;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

// the CLI as `npx prisma` runs it, without npx's own start-up in front of each of the file's fifteen-odd commands
const PRISMA_CLI = path.join(PROJECT_ROOT, 'node_modules', 'prisma', 'build', 'index.js');
const prisma = (args: string[], env: Record<string, string>, cwd?: string) => run(process.execPath, [PRISMA_CLI, ...args], env, cwd);
const bridgeCli = (url: string, command: string) =>
  run(BRIDGE, ['--datasource', JSON.stringify({ url }), 'cli', command], {});

function show(r: RunResult): string {
  return `exit ${r.code} after ${r.ms} ms\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

/** The ERROR log line of the bridge's `cli` mode (stderr JSON lines). */
function errorLog(r: RunResult): { message: string; error_code?: string } | undefined {
  for (const line of r.stderr.split('\n')) {
    try {
      const parsed = JSON.parse(line);
      if (parsed.level === 'ERROR' && parsed.target === 'schema_engine::logger') return parsed.fields;
    } catch {}
  }
  return undefined;
}

/** Deploy, then status: both through the CLI, both must succeed and agree. */
async function deployAndStatus(databaseUrl: string, names: string[]) {
  const deploy = await prisma(['migrate', 'deploy'], { DATABASE_URL: databaseUrl });
  assert.equal(deploy.code, 0, show(deploy));
  if (names.length > 0) {
    assert.match(deploy.stdout, /All migrations have been successfully applied/, show(deploy));
    for (const name of names) assert.ok(deploy.stdout.includes(name), `deploy output names ${name}\n${show(deploy)}`);
  }

  const status = await prisma(['migrate', 'status'], { DATABASE_URL: databaseUrl });
  assert.equal(status.code, 0, show(status));
  assert.match(status.stdout, /Database schema is up to date!/, show(status));
  assert.match(status.stdout, new RegExp(`${names.length} migrations? found in prisma/migrations`), show(status));
  return { deploy, status };
}

/** `migrate diff` from the migrations (or the database itself) to the schema: must be empty, so they agree. */
async function assertEmptyDiff(databaseUrl: string, from: '--from-migrations' | '--from-config-datasource' = '--from-migrations') {
  const source = from === '--from-migrations' ? [from, 'prisma/migrations'] : [from];
  const diff = await prisma(['migrate', 'diff', ...source, '--to-schema', 'prisma/schema.prisma', '--script', '--exit-code'], { DATABASE_URL: databaseUrl });
  // --exit-code: 0 = empty diff, 2 = not empty
  assert.equal(diff.code, 0, show(diff));
  assert.match(diff.stdout, /-- This is an empty migration\./, show(diff));
  assert.doesNotMatch(diff.stdout, /CREATE|ALTER|DROP/, show(diff));
}

/** The URL of a new database's name on the server of `base`, unique to this process and moment (not created). */
function scratchPgUrl(base: string, prefix: string): string {
  return databaseUrlWithName(base, `${prefix}_${process.pid}_${Date.now().toString(36)}`);
}

// The embedded-database runs are slow (each CLI command starts the wasm engine, and PGlite applies every migration);
// `npm test` runs the suite once per database, so they run in the embedded-default pass only.
const EMBEDDED_CLI_SKIP = process.env.TEST_DATABASE_URL ? 'embedded-database checks run in the embedded-default test pass' : '';

test('embedded PGlite: migrate deploy then migrate status through the CLI', { timeout: TIMEOUT }, async (t) => {
  if (EMBEDDED_CLI_SKIP) return t.skip(EMBEDDED_CLI_SKIP);
  const names = migrationNames();
  assert.ok(names.length > 0, 'prisma/migrations holds migrations');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-bridge-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const dataDir = path.join(tmp, 'pglite');
  const url = `file:${dataDir}`;

  // Before: the database does not exist, and the bridge says so as the CLI expects.
  const missing = await bridgeCli(url, 'can-connect-to-database');
  assert.equal(missing.code, 1, show(missing));
  assert.equal(errorLog(missing)?.error_code, 'P1003', show(missing));

  await deployAndStatus(url, names);

  const reachable = await bridgeCli(url, 'can-connect-to-database');
  assert.equal(reachable.code, 0, show(reachable));

  // What the CLI recorded, read straight from the data directory.
  const db = await openPglite(dataDir, { lockWaitMs: 15_000 });
  try {
    const { rows } = await db.query<{ migration_name: string; finished: boolean; rolled_back: boolean }>(
      `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    assert.deepEqual(
      rows.map((r) => r.migration_name),
      names,
    );
    assert.ok(rows.every((r) => r.finished && !r.rolled_back), JSON.stringify(rows));
  } finally {
    await db.close();
  }

  // The deployed folder, introspected through the bridge, is what the schema says. (--from-migrations would replay
  // every migration once more in an in-memory shadow database: the migrate dev test below covers that path, and the
  // PostgreSQL pass diffs --from-migrations against the real migrations.)
  await t.test('migrate diff from the deployed database to the schema finds nothing to do', async () => {
    await assertEmptyDiff(url, '--from-config-datasource');
  });
});

/** A throwaway project (own prisma.config.ts, schema and migrations) using this project's bridge. */
function tempProject(t: { after(fn: () => void): void }, schemaModels: string, migrations: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-project-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'tmp-project', private: true, type: 'module' }));
  fs.writeFileSync(
    path.join(dir, 'prisma.config.ts'),
    `import { defineConfig } from 'prisma/config';
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= ${JSON.stringify(BRIDGE)};
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
`,
  );
  const migrationsDir = path.join(dir, 'prisma', 'migrations');
  fs.mkdirSync(migrationsDir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'prisma', 'schema.prisma'), `datasource db {\n  provider = "postgresql"\n}\n\n${schemaModels}`);
  const addMigration = (name: string, sql: string) => {
    fs.mkdirSync(path.join(migrationsDir, name));
    fs.writeFileSync(path.join(migrationsDir, name, 'migration.sql'), sql);
  };
  for (const [name, sql] of Object.entries(migrations)) addMigration(name, sql);
  fs.writeFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  return { dir, migrationsDir, addMigration };
}

const ITEM_MODEL = `model Item {\n  id   Int    @id @default(autoincrement())\n  name String\n}\n`;
const ITEM_SQL = `CREATE TABLE "Item" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);
`;

test('migrate dev --create-only after applying pending migrations (wasm engine schema cache)', { timeout: TIMEOUT }, async (t) => {
  if (EMBEDDED_CLI_SKIP) return t.skip(EMBEDDED_CLI_SKIP);
  // The wasm engine's evaluateDataLoss/createMigration cannot build the migration history's schema
  // themselves; when migrate dev first applies pending migrations, the bridge must refill the cache.
  const project = tempProject(t, ITEM_MODEL, {
    '20000101000000_init': ITEM_SQL,
    '20000102000000_extra': 'CREATE TABLE "Extra" ("id" INTEGER NOT NULL);\n',
  });
  const env = { DATABASE_URL: `file:${path.join(project.dir, 'pglite')}` };

  const dev = await prisma(['migrate', 'dev', '--name', 'second', '--create-only'], env, project.dir);
  assert.equal(dev.code, 0, show(dev));
  assert.match(dev.stdout, /20000102000000_extra/, show(dev));
  const created = fs.readdirSync(project.migrationsDir).filter((d) => d.endsWith('_second'));
  assert.equal(created.length, 1, show(dev));
  const sql = fs.readFileSync(path.join(project.migrationsDir, created[0]!, 'migration.sql'), 'utf8');
  assert.match(sql, /DROP TABLE "Extra"/, sql);
  assert.doesNotMatch(sql, /"Item"/, sql);
});

test('PostgreSQL server: CHECK constraints and $$ function bodies in migrations (deploy, diff)', { timeout: TIMEOUT }, async (t) => {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    t.skip('TEST_DATABASE_URL not set');
    return;
  }
  // The engine reads pg_constraint.contype ("char", OID 18) as a Character value only: adapter-pg
  // must report it as such, or the engine panics while describing a database with CHECK constraints.
  // A $$ body holds ";" that adapter-pg's own executeScript would split on.
  const project = tempProject(t, ITEM_MODEL, {
    '20000101000000_init': ITEM_SQL,
    '20000102000000_rules': `ALTER TABLE "Item" ADD CONSTRAINT "Item_name_not_blank" CHECK (length(trim("name")) > 0);
CREATE FUNCTION item_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'items are kept; %', TG_OP;
END;
$$;
CREATE TRIGGER "Item_kept" BEFORE DELETE ON "Item" FOR EACH ROW EXECUTE FUNCTION item_no_delete();
`,
  });
  const url = scratchPgUrl(base, 'thidua_rules');
  await createPgDatabase(url);
  t.after(() => dropPgDatabase(url));
  const env = { DATABASE_URL: url };

  const deploy = await prisma(['migrate', 'deploy'], env, project.dir);
  assert.equal(deploy.code, 0, show(deploy));
  const check = await withPgClient(url, async (c) =>
    (await c.query(`SELECT conname FROM pg_constraint WHERE contype = 'c' AND conname = 'Item_name_not_blank'`)).rowCount,
  );
  assert.equal(check, 1);

  for (const args of [
    ['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema', 'prisma/schema.prisma', '--script'],
    ['migrate', 'diff', '--from-config-datasource', '--to-schema', 'prisma/schema.prisma', '--script'],
  ]) {
    const diff = await prisma(args, env, project.dir);
    assert.equal(diff.code, 0, show(diff));
    assert.match(diff.stdout, /-- This is an empty migration\./, show(diff));
  }
  const status = await prisma(['migrate', 'status'], env, project.dir);
  assert.equal(status.code, 0, show(status));
  assert.match(status.stdout, /Database schema is up to date!/, show(status));
});

/**
 * Run applyMigrations twice in a child process that ends on its own (no process.exit): the first applies every
 * migration, the second none, and `finished()` counts the migrations recorded as done. Then measure how long the
 * child lives after the work is done: the wasm engine's 10 s timer or an open pool would show.
 */
async function lingerAfterApplyMigrations(factoryCode: string, env: Record<string, string> = {}) {
  const code = `
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { applyMigrations } from './src/db/migrate.ts';
import { createPgAdapter } from './src/db/pg.ts';
import { openPglite, withPgClient } from './prisma/engine/adapters.mjs';
${factoryCode}
const names = await applyMigrations(factory);
const again = await applyMigrations(factory);
const recorded = await finished();
await cleanup();
// sockets of an ended pg pool finish closing a moment after pool.end() resolves
await new Promise((resolve) => setTimeout(resolve, 300));
// what still keeps the event loop alive (unref'd timers are not listed)
console.log('ACTIVE ' + JSON.stringify(process.getActiveResourcesInfo()));
console.log('APPLIED ' + JSON.stringify({ names, again, recorded }));
console.log('DONE ' + Date.now());
`;
  const r = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], env);
  const exitedAt = Date.now();
  const m = /DONE (\d+)/.exec(r.stdout);
  assert.ok(m, show(r));
  assert.equal(r.code, 0, show(r));
  const active = JSON.parse(/ACTIVE (.*)/.exec(r.stdout)?.[1] ?? '[]') as string[];
  const applied = JSON.parse(/APPLIED (.*)/.exec(r.stdout)?.[1] ?? '{}') as { names: string[]; again: string[]; recorded: number };
  return { lingerMs: exitedAt - Number(m[1]), applied, active };
}

/** All migrations the first time, none the second, and every one recorded as finished. */
function assertAppliedOnce(applied: { names: string[]; again: string[]; recorded: number }) {
  const names = migrationNames();
  assert.deepEqual(applied.names, names);
  assert.deepEqual(applied.again, []);
  assert.equal(applied.recorded, names.length);
}

const COUNT_FINISHED = `'SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL'`;

function assertNothingKeepsAlive(result: { lingerMs: number; active: string[] }) {
  assert.deepEqual(
    result.active.filter((kind) => kind !== 'PipeWrap' && kind !== 'TTYWrap'),
    [],
    'resources keeping the process alive after applyMigrations (a Timeout would be the engine\'s 10 s timer)',
  );
  assert.ok(result.lingerMs < 8_000, `the process lived ${result.lingerMs} ms after applyMigrations returned`);
}

test('applyMigrations() applies all migrations to a fresh in-memory PGlite, then none, and leaves nothing that keeps the process alive', { timeout: TIMEOUT }, async (t) => {
  if (EMBEDDED_CLI_SKIP) return t.skip(EMBEDDED_CLI_SKIP);
  const result = await lingerAfterApplyMigrations(`
const db = await openPglite(undefined);
const factory = new PrismaPGlite(db);
const finished = async () => (await db.query(${COUNT_FINISHED})).rows[0].n;
const cleanup = () => db.close();`);
  assertAppliedOnce(result.applied);
  assertNothingKeepsAlive(result);
});

test('applyMigrations() leaves nothing that keeps the process alive (PostgreSQL)', { timeout: TIMEOUT }, async (t) => {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    t.skip('TEST_DATABASE_URL not set');
    return;
  }
  const url = scratchPgUrl(base, 'thidua_linger');
  await createPgDatabase(url);
  t.after(() => dropPgDatabase(url));
  const result = await lingerAfterApplyMigrations(
    `const factory = createPgAdapter(process.env.LINGER_DATABASE_URL);
const finished = () => withPgClient(process.env.LINGER_DATABASE_URL, async (c) => (await c.query(${COUNT_FINISHED})).rows[0].n);
const cleanup = async () => {};`,
    { LINGER_DATABASE_URL: url },
  );
  assertAppliedOnce(result.applied);
  assertNothingKeepsAlive(result);
});

test('the bridge answers JSON-RPC and exits promptly when stdin closes', { timeout: TIMEOUT }, async (t) => {
  if (EMBEDDED_CLI_SKIP) return t.skip(EMBEDDED_CLI_SKIP);
  const child = spawn(BRIDGE, ['--datasource', JSON.stringify({ url: 'file:memory://' })], {
    cwd: PROJECT_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const request = {
    jsonrpc: '2.0',
    id: 7,
    method: 'diagnoseMigrationHistory',
    params: {
      migrationsList: {
        baseDir: MIGRATIONS_DIR,
        lockfile: { path: 'migration_lock.toml', content: null },
        migrationDirectories: [],
        shadowDbInitScript: '',
      },
      optInToShadowDatabase: false,
      filters: { externalTables: [], externalEnums: [] },
    },
  };
  child.stdin.write(JSON.stringify(request) + '\n');
  const deadline = Date.now() + 60_000;
  while (!stdout.includes('\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const reply = JSON.parse(stdout.split('\n')[0]!);
  assert.deepEqual(reply, {
    jsonrpc: '2.0',
    id: 7,
    result: { editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: false, history: null },
  });
  // stderr: JSON log lines in the engine's shape
  const firstLog = JSON.parse(stderr.split('\n')[0]!);
  assert.equal(typeof firstLog.fields?.message, 'string', stderr);
  assert.equal(typeof firstLog.level, 'string', stderr);

  const closedAt = Date.now();
  child.stdin.end();
  assert.equal(await exited, 0);
  assert.ok(Date.now() - closedAt < 8_000, `the bridge took ${Date.now() - closedAt} ms to exit`);
});

/**
 * A database for one test, of the pass's kind: a new PostgreSQL database in the PostgreSQL pass (a PGlite started
 * from nothing would cost an initdb there, about 14 CPU-seconds), an in-memory PGlite otherwise. `query` reads it
 * outside the adapter; `close` ends and removes it.
 */
async function scratchDatabase(prefix: string) {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const url = scratchPgUrl(base, prefix);
    await createPgDatabase(url);
    return {
      factory: createPgAdapter(url),
      query: <R,>(sql: string) => withPgClient(url, async (c) => (await c.query(sql)).rows as R[]),
      close: () => dropPgDatabase(url),
    };
  }
  const db = await openPglite(undefined);
  return {
    factory: new PrismaPGlite(db),
    query: async <R,>(sql: string) => (await db.query<R>(sql)).rows,
    close: () => db.close(),
  };
}

test('applyMigrations() reports a failing migration and records it as failed', { timeout: TIMEOUT }, async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-migrations-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  fs.mkdirSync(path.join(tmp, '20000101000000_ok'));
  fs.writeFileSync(path.join(tmp, '20000101000000_ok', 'migration.sql'), `CREATE TABLE "t" ("v" TEXT DEFAULT 'a;b');`);
  fs.mkdirSync(path.join(tmp, '20000102000000_bad'));
  fs.writeFileSync(path.join(tmp, '20000102000000_bad', 'migration.sql'), 'SELECT * FROM "no_such_table";');
  const db = await scratchDatabase('thidua_failing');
  try {
    await assert.rejects(applyMigrations(db.factory, { migrationsDir: tmp }), (e: Error) => {
      assert.equal(e.name, 'MigrationError');
      assert.match(e.message, /no_such_table/);
      return true;
    });
    const rows = await db.query<{ migration_name: string; finished: boolean }>(
      'SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name',
    );
    assert.deepEqual(rows, [
      { migration_name: '20000101000000_ok', finished: true },
      { migration_name: '20000102000000_bad', finished: false },
    ]);
    // the ";" inside the string literal survived
    const def = await db.query<{ d: string }>(
      `SELECT column_default AS d FROM information_schema.columns WHERE table_name = 't' AND column_name = 'v'`,
    );
    assert.equal(def[0]?.d, `'a;b'::text`);
  } finally {
    await db.close();
  }
});

test('PostgreSQL server: deploy, status and an empty migrate diff through the CLI', { timeout: TIMEOUT }, async (t) => {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    t.skip('TEST_DATABASE_URL not set');
    return;
  }
  const names = migrationNames();
  const url = scratchPgUrl(base, 'thidua_bridge');
  const listDatabases = () =>
    withPgClient(base, async (c) => (await c.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map((r) => r.datname));

  const missing = await bridgeCli(url, 'can-connect-to-database');
  assert.equal(missing.code, 1, show(missing));
  assert.equal(errorLog(missing)?.error_code, 'P1003', show(missing));

  await createPgDatabase(url);
  t.after(() => dropPgDatabase(url));

  const reachable = await bridgeCli(url, 'can-connect-to-database');
  assert.equal(reachable.code, 0, show(reachable));

  await deployAndStatus(url, names);

  const rows = await withPgClient(url, async (c) =>
    (await c.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
    )).rows,
  );
  assert.deepEqual(
    rows.map((r) => r.migration_name),
    names,
  );

  const before = new Set(await listDatabases());
  await assertEmptyDiff(url);
  const leftovers = (await listDatabases()).filter((d) => !before.has(d) && d.startsWith('prisma_migrate_shadow_db_'));
  assert.deepEqual(leftovers, [], 'the temporary shadow database was dropped');

  // Applying in-process to the same database finds nothing left to do.
  assert.deepEqual(await applyMigrations(createPgAdapter(url)), []);
});

test('PostgreSQL server: the bridge reports unreachable servers and bad passwords as the CLI expects', { timeout: TIMEOUT }, async (t) => {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    t.skip('TEST_DATABASE_URL not set');
    return;
  }
  const badPassword = new URL(base);
  badPassword.password = 'definitely-not-the-password';
  const auth = await bridgeCli(badPassword.toString(), 'can-connect-to-database');
  if (auth.code === 0) {
    t.diagnostic('the server accepts any password from here (trust authentication): P1000 not checked');
  } else {
    assert.equal(auth.code, 1, show(auth));
    assert.equal(errorLog(auth)?.error_code, 'P1000', show(auth));
  }

  const closedPort = new URL(base);
  closedPort.hostname = '127.0.0.1';
  closedPort.port = '1';
  const down = await bridgeCli(closedPort.toString(), 'can-connect-to-database');
  assert.equal(down.code, 1, show(down));
  assert.equal(errorLog(down)?.error_code, 'P1001', show(down));
});
