// Driver adapter factories for migrations and for the app, shared by the
// `schema-engine` bridge (plain Node, no loader) and by src/db/*.ts.
// Types: adapters.d.mts.
//
// Database URLs understood here:
//   postgres://…  postgresql://…   a PostgreSQL server, through @prisma/adapter-pg
//   file:<path>                     an embedded PGlite data directory, through pglite-prisma-adapter;
//                                   a relative <path> is resolved against the project root.
//                                   (The Prisma CLI knows the file: protocol; pglite:<path> is
//                                   accepted as an alias by this code, but the CLI rejects it.)
//   file:memory://                  an in-memory PGlite (lost when the process ends)

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';

/** @typedef {import('@electric-sql/pglite').PGlite} PGlite */

/** @type {Promise<{ PGlite: typeof import('@electric-sql/pglite').PGlite, PrismaPGlite: typeof import('pglite-prisma-adapter').PrismaPGlite }> | undefined} */
let pgliteModules;
/**
 * PGlite and its Prisma adapter, loaded on first use: a process on a PostgreSQL server never needs them, and they
 * cost about 50 ms of start-up CPU (the app, each test process, the CLI bridge).
 */
export function loadPglite() {
  pgliteModules ??= Promise.all([import('@electric-sql/pglite'), import('pglite-prisma-adapter')]).then(([a, b]) => ({
    PGlite: a.PGlite,
    PrismaPGlite: b.PrismaPGlite,
  }));
  return pgliteModules;
}

/** The project root: the folder holding prisma.config.ts and package.json. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Used when DATABASE_URL is unset: the embedded database in ./data/pglite. */
export const DEFAULT_DATABASE_URL = 'file:./data/pglite';

// ---------------------------------------------------------------------------
// URLs

/**
 * @param {string | undefined | null} url
 * @param {string} [baseDir] folder that relative PGlite paths are resolved against
 * @returns {{ kind: 'postgres', url: string } | { kind: 'pglite', dataDir: string }}
 */
export function parseDatabaseUrl(url, baseDir = PROJECT_ROOT) {
  const value = (url ?? '').trim() || DEFAULT_DATABASE_URL;
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', url: value };
  const m = /^(pglite|file):(.*)$/i.exec(value);
  if (m) {
    let rest = m[2];
    if (/^memory:\/\//i.test(rest)) return { kind: 'pglite', dataDir: 'memory://' };
    if (rest.startsWith('//')) rest = decodeURIComponent(new URL(value.replace(/^pglite:/i, 'file:')).pathname);
    if (!rest) throw new Error(`Database URL "${value}" names no PGlite data directory`);
    return { kind: 'pglite', dataDir: path.resolve(baseDir, rest) };
  }
  throw new Error(
    `Unsupported database URL "${redactUrl(value)}": use postgres://user:pass@host:port/db or pglite:<data directory>`,
  );
}

/** Replace the password of a URL with "***" for messages. */
export function redactUrl(url) {
  return String(url).replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/** The same server URL with another database name. */
export function databaseUrlWithName(url, database) {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}

/** The database name of a postgres URL ("postgres" when the URL names none). */
export function databaseNameOf(url) {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  return name || 'postgres';
}

export function quoteIdent(name) {
  return '"' + String(name).replace(/"/g, '""') + '"';
}

// ---------------------------------------------------------------------------
// PostgreSQL server

if (typeof (/** @type {any} */ (pg.Client.prototype)._handleRowDescription) !== 'function') {
  throw new Error('pg.Client has no _handleRowDescription: the "char" (OID 18) workaround needs updating for this pg version');
}

/**
 * Postgres' internal `"char"` type (OID 18) and @prisma/adapter-pg 7.10.1:
 * - the adapter cannot map OID 18 ("Column type 'char' could not be deserialized"), and the schema
 *   engine's catalog queries return such columns (pg_constraint.contype, confdeltype, …);
 * - presenting it as text (OID 25) is not enough: the engine reads some of these columns only as a
 *   Character value (CHECK constraints: `get_expect_char("constraint_type")`) and panics on text.
 * So CharAsTextClient presents OID 18 to the adapter as text and marks the field, and the adapter's
 * queryRaw (patched by fixPgAdapter) reports marked columns as ColumnTypeEnum.Character.
 * The marks travel from the query's result to queryRaw through this AsyncLocalStorage.
 */
const internalCharColumns = new AsyncLocalStorage();

/** Record which columns of a pg result were "char" (OID 18) into the current queryRaw's store. */
function noteInternalCharColumns(/** @type {any} */ store, /** @type {any} */ result) {
  const res = Array.isArray(result) ? result[result.length - 1] : result;
  const fields = res?.fields;
  if (!Array.isArray(fields)) return;
  store.columns = [];
  fields.forEach((/** @type {any} */ field, /** @type {number} */ i) => {
    if (field.internalChar) store.columns.push(i);
  });
}

/** Wrap a query function (pool.query, client.query) so that its promise notes "char" columns. */
function notingInternalCharColumns(/** @type {Function} */ query) {
  /** @this {unknown} @param {...unknown} args */
  return function (...args) {
    const store = internalCharColumns.getStore();
    const ret = query.apply(this, args);
    if (store && ret && typeof ret.then === 'function') {
      return ret.then((/** @type {any} */ result) => {
        noteInternalCharColumns(store, result);
        return result;
      });
    }
    return ret;
  };
}

if (typeof (/** @type {any} */ (pg.Client.prototype)._handleRowDescription) !== 'function') {
  throw new Error('pg.Client has no _handleRowDescription: the "char" (OID 18) workaround needs updating for this pg version');
}

/**
 * A pg.Client that presents Postgres' internal `"char"` type (OID 18) as text (OID 25), marking the
 * field so that adapters fixed by fixPgAdapter report the column as Character (see above).
 */
export class CharAsTextClient extends pg.Client {
  /** @param {any} msg */
  _handleRowDescription(msg) {
    for (const field of msg?.fields ?? []) {
      if (field.dataTypeID === 18) {
        field.dataTypeID = 25;
        field.internalChar = true;
      }
    }
    // pg's own handler (internal, so not in its types), called on this client as super would
    const base = /** @type {{ _handleRowDescription(msg: unknown): unknown }} */ (/** @type {unknown} */ (pg.Client.prototype));
    return base._handleRowDescription.call(this, msg);
  }

  /** @type {Promise<void> | undefined} the last promise-style query sent through this client, settled or not */
  #last;

  /**
   * One query at a time on a connection, in the order sent. Prisma sends the independent reads of a transaction
   * together (relations loaded side by side, Promise.all over `tx`), all on the transaction's one connection. pg
   * used to queue such a query behind the one running, but that queue is deprecated: pg 8.23 warns ("Calling
   * client.query() when the client is already executing a query") and pg 9 removes it. So a query that returns a
   * promise waits here for those sent before it; callback-style calls (pg.Pool's own, one per checked-out client)
   * and query objects (cursors) go straight to pg.
   * @param {...any} args
   */
  query(...args) {
    const promiseStyle = typeof args[0]?.submit !== 'function' && typeof args[0]?.callback !== 'function' && typeof args.at(-1) !== 'function';
    if (!promiseStyle) return sendQuery.apply(this, args);
    const run = () => sendQuery.apply(this, args);
    const previous = this.#last;
    const result = previous ? previous.then(run) : run();
    const settled = result.then(noop, noop);
    this.#last = settled;
    // forget it once done, so that an idle client holds on to no result
    settled.then(() => {
      if (this.#last === settled) this.#last = undefined;
    });
    return result;
  }
}
const sendQuery = notingInternalCharColumns(pg.Client.prototype.query);
const noop = () => {};

/** pg.Pool options for a URL, using CharAsTextClient. */
export function pgPoolConfig(url, extra = {}) {
  return { connectionString: url, ...noJit(url), ...extra, Client: CharAsTextClient };
}

/**
 * PostgreSQL compiles a query with JIT once its estimated cost passes jit_above_cost, which the app's aggregates over
 * a national campaign (60,000 period × unit rows) do: the compilation took 250–500 ms of a dashboard aggregate that
 * runs in 130 ms without it. The app's sessions turn it off, unless the URL sets its own `options`.
 * @param {string} url
 */
function noJit(url) {
  try {
    return new URL(url).searchParams.has('options') ? {} : { options: '-c jit=off' };
  } catch {
    return {};
  }
}

const FIXED = Symbol('adapter fixed');

/** Make queryRaw of an adapter or transaction report "char" columns as Character. */
function reportInternalCharColumns(/** @type {any} */ queryable) {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = (/** @type {any} */ query) => {
    const store = { columns: /** @type {number[]} */ ([]) };
    return internalCharColumns.run(store, async () => {
      const resultSet = await queryRaw(query);
      for (const i of store.columns) resultSet.columnTypes[i] = ColumnTypeEnum.Character;
      return resultSet;
    });
  };
}

/**
 * Fix a PrismaPgAdapter (from @prisma/adapter-pg) in place:
 * - "char" columns reported as Character (needs pools made with pgPoolConfig / CharAsTextClient);
 * - executeScript: adapter-pg splits scripts on ";" (breaking string literals, $$ bodies, …) and runs
 *   each piece on any pool connection. Run the script as one simple-protocol query instead, like the
 *   native schema engine does.
 * @param {any} adapter
 */
function fixPgAdapter(adapter) {
  if (adapter[FIXED]) return adapter;
  adapter[FIXED] = true;
  const pool = adapter.client;
  if (!pool[FIXED]) {
    pool[FIXED] = true;
    pool.query = notingInternalCharColumns(pool.query);
  }
  reportInternalCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (/** @type {any} */ isolationLevel) => {
    const tx = await startTransaction(isolationLevel);
    reportInternalCharColumns(tx);
    return tx;
  };
  adapter.executeScript = async (/** @type {string} */ script) => {
    try {
      await pool.query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

/** Run `fn` with a single short-lived pg.Client connected to `url`. */
export async function withPgClient(url, fn) {
  const client = new CharAsTextClient({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Connect to the server's maintenance database ("postgres", else "template1"). */
async function withMaintenanceClient(url, fn) {
  try {
    return await withPgClient(databaseUrlWithName(url, 'postgres'), fn);
  } catch (e) {
    if (/** @type {any} */ (e)?.code !== '3D000') throw e;
    return await withPgClient(databaseUrlWithName(url, 'template1'), fn);
  }
}

/** CREATE DATABASE for the database named in `url`. */
export async function createPgDatabase(url) {
  const name = databaseNameOf(url);
  await withMaintenanceClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return name;
}

/** DROP DATABASE IF EXISTS … WITH (FORCE) for the database named in `url`. */
export async function dropPgDatabase(url) {
  const name = databaseNameOf(url);
  await withMaintenanceClient(url, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

/**
 * Create a uniquely named database on the server of `url`.
 * `drop()` removes it with DROP DATABASE … WITH (FORCE) (PostgreSQL 13+).
 * @param {string} url any reachable database on the server (used for the admin connection)
 * @param {string} [prefix]
 */
export async function createTemporaryPgDatabase(url, prefix = 'prisma_migrate_shadow_db_') {
  const name = `${prefix}${randomUUID().replace(/-/g, '')}`.slice(0, 63);
  await withPgClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return {
    name,
    url: databaseUrlWithName(url, name),
    // From the maintenance database when possible: the database of `url` may be gone by then.
    drop: async () => {
      const sql = `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`;
      try {
        await withMaintenanceClient(url, (c) => c.query(sql));
      } catch {
        await withPgClient(url, (c) => c.query(sql));
      }
    },
  };
}

/** Remove every non-system schema (and all it holds) from the database of `url`; recreate "public". */
export async function emptyPgDatabase(url) {
  await withPgClient(url, async (c) => {
    const { rows } = await c.query(
      `SELECT nspname FROM pg_namespace
        WHERE nspname NOT IN ('information_schema', 'pg_toast') AND nspname NOT LIKE 'pg\\_%'`,
    );
    for (const { nspname } of rows) await c.query(`DROP SCHEMA ${quoteIdent(nspname)} CASCADE`);
    await c.query('CREATE SCHEMA IF NOT EXISTS public');
  });
}

/**
 * @prisma/adapter-pg's PrismaPg with the fixes migrations need:
 * - every pool uses CharAsTextClient (OID 18 "char" as text);
 * - executeScript runs the whole script as one query;
 * - connectToShadowDb creates a uniquely named database and, after the shadow pool is closed,
 *   drops it WITH (FORCE). With `shadowDatabaseUrl`, that database is emptied before use instead.
 */
export class PgAdapterFactory extends PrismaPg {
  /**
   * @param {string} url
   * @param {{ shadowDatabaseUrl?: string, poolConfig?: object } & Record<string, any>} [options]
   */
  constructor(url, options = {}) {
    const { shadowDatabaseUrl, poolConfig, ...pgOptions } = options;
    super(pgPoolConfig(url, poolConfig), pgOptions);
    this.databaseUrl = url;
    this.shadowDatabaseUrl = shadowDatabaseUrl || undefined;
  }

  async connect() {
    return fixPgAdapter(await super.connect());
  }

  async connectToShadowDb() {
    if (this.shadowDatabaseUrl) {
      await emptyPgDatabase(this.shadowDatabaseUrl);
      return fixPgAdapter(await new PrismaPg(pgPoolConfig(this.shadowDatabaseUrl)).connect());
    }
    const temp = await createTemporaryPgDatabase(this.databaseUrl);
    try {
      const adapter = fixPgAdapter(await new PrismaPg(pgPoolConfig(temp.url)).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        try {
          await dispose(); // ends the shadow pool first…
        } finally {
          await temp.drop(); // …then the database can go
        }
      };
      return adapter;
    } catch (e) {
      await temp.drop().catch(() => {});
      throw e;
    }
  }
}

// ---------------------------------------------------------------------------
// Embedded PGlite

/** Lock files of data directories opened by this process. */
const heldLocks = new Set();
process.once('exit', () => {
  for (const file of heldLocks) {
    try {
      fs.unlinkSync(file);
    } catch {}
  }
});

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return /** @type {any} */ (e)?.code === 'EPERM';
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * PGlite does not lock its data folder, and two processes writing it corrupt it.
 * Take `<dataDir>.lock` (holding our pid); wait up to `waitMs` for a live holder to go away.
 */
export async function acquireDataDirLock(dataDir, waitMs) {
  const file = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      heldLocks.add(file);
      return () => {
        heldLocks.delete(file);
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {}
      };
    } catch (e) {
      if (/** @type {any} */ (e)?.code !== 'EEXIST') throw e;
    }
    let holder = NaN;
    let ageMs = 0;
    try {
      holder = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      ageMs = Date.now() - fs.statSync(file).mtimeMs;
    } catch {
      continue; // removed meanwhile
    }
    const stale = Number.isInteger(holder) ? holder !== process.pid && !processAlive(holder) : ageMs > 2000;
    if (stale) {
      fs.rmSync(file, { force: true }); // stale lock of a dead process
      continue;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `The PGlite database ${dataDir} is in use by process ${holder} (lock file ${file}). ` +
          'PGlite allows one process at a time: stop that process first (e.g. the app) and retry.',
      );
    }
    await sleep(100);
  }
}

/** True when `dataDir` already holds an initialised PGlite/PostgreSQL cluster. */
export function pgliteDataDirExists(dataDir) {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

// A fresh PGlite cluster takes 3–5 s to initialise, but ~1.2 s to load from a snapshot of one.
// The snapshot of an empty cluster is kept in node_modules/.cache (best effort, per PGlite version).

function pgliteVersion() {
  try {
    let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (!fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (pkg.name === '@electric-sql/pglite') return String(pkg.version);
    }
  } catch {}
  return 'unknown';
}

/** Where the snapshot of an empty PGlite cluster is cached. */
export const PGLITE_SNAPSHOT_FILE = path.join(
  PROJECT_ROOT,
  'node_modules',
  '.cache',
  'pglite',
  `empty-cluster-${pgliteVersion()}.tar.gz`,
);

async function readEmptyClusterSnapshot() {
  if (process.env.PGLITE_NO_SNAPSHOT) return undefined;
  try {
    return new Blob([await fsp.readFile(PGLITE_SNAPSHOT_FILE)]);
  } catch {
    return undefined;
  }
}

/** @param {PGlite} db a freshly initialised, still empty database */
async function saveEmptyClusterSnapshot(db) {
  if (process.env.PGLITE_NO_SNAPSHOT) return;
  // a temporary file of its own, renamed whole: two databases created at once in one process (or in two) each
  // write theirs, and the last rename wins (a name by process id alone let two writers mix one file's bytes)
  const tmp = `${PGLITE_SNAPSHOT_FILE}.${process.pid}.${randomUUID()}.tmp`;
  try {
    const dump = await db.dumpDataDir('gzip');
    await fsp.mkdir(path.dirname(PGLITE_SNAPSHOT_FILE), { recursive: true });
    await fsp.writeFile(tmp, Buffer.from(await dump.arrayBuffer()));
    await fsp.rename(tmp, PGLITE_SNAPSHOT_FILE);
  } catch {
    // a cache only
    await fsp.rm(tmp, { force: true }).catch(() => {});
  }
}

/** A fresh in-memory PGlite (from the empty-cluster snapshot when there is one). */
async function createMemoryPglite() {
  const { PGlite } = await loadPglite();
  const snapshot = await readEmptyClusterSnapshot();
  if (snapshot) {
    try {
      return await PGlite.create({ loadDataDir: snapshot });
    } catch {
      // unusable snapshot: fall through and replace it
    }
  }
  const db = await PGlite.create();
  await saveEmptyClusterSnapshot(db);
  return db;
}

/** Open a data directory; a missing cluster is created from the snapshot when there is one. */
async function createOrOpenDiskPglite(dataDir) {
  const { PGlite } = await loadPglite();
  if (!pgliteDataDirExists(dataDir)) {
    const snapshot = await readEmptyClusterSnapshot();
    if (snapshot) {
      try {
        return await PGlite.create({ dataDir, loadDataDir: snapshot });
      } catch {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
  return PGlite.create({ dataDir });
}

/**
 * Open (creating if needed) a PGlite database. A file-system data directory is locked
 * against other processes until `close()`. `dataDir` 'memory://' (or undefined) gives an
 * in-memory database.
 * @param {string | undefined} dataDir
 * @param {{ lockWaitMs?: number }} [options]
 */
export async function openPglite(dataDir, options = {}) {
  if (!dataDir || dataDir.startsWith('memory://')) return createMemoryPglite();
  const release = await acquireDataDirLock(dataDir, options.lockWaitMs ?? 5000);
  let db;
  try {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    db = await createOrOpenDiskPglite(dataDir);
  } catch (e) {
    release();
    throw e;
  }
  const close = db.close.bind(db);
  db.close = async () => {
    try {
      await close();
    } finally {
      release();
    }
  };
  return db;
}

/**
 * pglite-prisma-adapter 0.7.2's executeScript neither awaits nor reports errors of the script
 * (they surface as unhandled rejections). Await it and convert errors like other queries.
 * @param {any} adapter
 */
export function fixPgliteExecuteScript(adapter) {
  const client = adapter.client;
  if (adapter[FIXED] || !client || typeof client.exec !== 'function') return adapter;
  adapter[FIXED] = true;
  adapter.executeScript = async (/** @type {string} */ script) => {
    try {
      await client.exec(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

/** Apply the executeScript fix that matches the adapter (PGlite or adapter-pg); others unchanged. */
export function fixExecuteScript(adapter) {
  const a = /** @type {any} */ (adapter);
  if (a?.adapterName === 'pglite-prisma-adapter') return fixPgliteExecuteScript(a);
  if (a?.adapterName === '@prisma/adapter-pg' && a.client instanceof pg.Pool) return fixPgAdapter(a);
  return adapter;
}

/**
 * Migration-aware factory over a PGlite data directory (or an open PGlite instance).
 * The data directory is opened (and locked) on the first connect(); the shadow database is a
 * fresh in-memory PGlite, closed when the engine disposes it. Call `close()` when done.
 */
export class PgliteAdapterFactory {
  /** @param {string | PGlite} dataDirOrDb */
  constructor(dataDirOrDb) {
    this.provider = 'postgres';
    this.adapterName = 'pglite-prisma-adapter';
    this.dataDir = typeof dataDirOrDb === 'string' ? dataDirOrDb : undefined;
    /** @type {Promise<PGlite> | undefined} */
    this.db = typeof dataDirOrDb === 'string' ? undefined : Promise.resolve(dataDirOrDb);
    this.ownsDb = typeof dataDirOrDb === 'string';
  }
  /** The PGlite instance, opened on first call. */
  pglite() {
    this.db ??= openPglite(this.dataDir);
    return this.db;
  }
  async connect() {
    const { PrismaPGlite } = await loadPglite();
    return fixPgliteExecuteScript(await new PrismaPGlite(await this.pglite()).connect());
  }
  async connectToShadowDb() {
    const { PrismaPGlite } = await loadPglite();
    const shadow = await createMemoryPglite();
    const adapter = fixPgliteExecuteScript(await new PrismaPGlite(shadow).connect());
    adapter.dispose = async () => {
      if (!shadow.closed) await shadow.close();
    };
    return adapter;
  }
  /** Close the data directory if this factory opened it. */
  async close() {
    if (!this.ownsDb || !this.db) return;
    const db = await this.db.catch(() => undefined);
    this.db = undefined;
    if (db && !db.closed) await db.close();
  }
}

/**
 * The migration-aware adapter factory for a database URL (see the top of this file).
 * @param {string | undefined} url
 * @param {{ shadowDatabaseUrl?: string, baseDir?: string }} [options]
 */
export function createMigrationAdapterFactory(url, options = {}) {
  const parsed = parseDatabaseUrl(url, options.baseDir);
  if (parsed.kind === 'postgres') {
    return new PgAdapterFactory(parsed.url, { shadowDatabaseUrl: options.shadowDatabaseUrl });
  }
  return new PgliteAdapterFactory(parsed.dataDir);
}

/**
 * Wrap a driver adapter factory so that every adapter it hands out (main and shadow) is
 * remembered until disposed; `disposeAll()` disposes the ones still open (idempotent).
 * The schema engine does not always dispose what it connected, and an open pg pool or a
 * leftover temporary shadow database must not outlive the command.
 * A factory without connectToShadowDb gets one that fails with a clear message.
 * @param {any} factory
 */
export function trackAdapters(factory) {
  /** @type {Set<any>} */
  const open = new Set();
  const wrap = (/** @type {any} */ adapter) => {
    fixExecuteScript(adapter);
    const dispose = adapter.dispose.bind(adapter);
    /** @type {Promise<void> | undefined} */
    let disposing;
    adapter.dispose = () => {
      open.delete(adapter);
      disposing ??= Promise.resolve().then(dispose);
      return disposing;
    };
    open.add(adapter);
    return adapter;
  };
  const tracked = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => {
      if (typeof factory.connectToShadowDb !== 'function') {
        throw new Error(`The ${factory.adapterName} adapter factory cannot create a shadow database`);
      }
      return wrap(await factory.connectToShadowDb());
    },
  };
  return {
    factory: tracked,
    async disposeAll() {
      const results = await Promise.allSettled([...open].map((a) => a.dispose()));
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw /** @type {PromiseRejectedResult} */ (failed).reason;
    },
  };
}
