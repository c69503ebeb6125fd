// Stand-in for Prisma's native `schema-engine` binary, backed by @prisma/schema-engine-wasm.
// Started by the Prisma CLI (see PRISMA_SCHEMA_ENGINE_BINARY in prisma.config.ts) as
//
//   schema-engine [--datamodels <path>]… [--datasource '<json {url, shadowDatabaseUrl}>']
//                 [--enabled-preview-features X] [--extension-types X]
//       → JSON-RPC 2.0 server: one JSON object per line, requests on stdin, replies on stdout
//
//   schema-engine --datasource '<json>' cli can-connect-to-database|create-database|drop-database
//       → exit 0 on success; on failure an ERROR log line with error_code, exit 1
//
// Logs go to stderr as JSON lines {timestamp, level, fields: {message, …}, target}.
// Database URLs: see adapters.mjs (postgres://…, pglite:<dir>).

import fs from 'node:fs';
import readline from 'node:readline';
import { createWasmSchemaEngine, describeEngineError, readDatamodels } from './wasm-engine.mjs';
import {
  createMigrationAdapterFactory,
  createPgDatabase,
  databaseNameOf,
  dropPgDatabase,
  openPglite,
  parseDatabaseUrl,
  pgliteDataDirExists,
  redactUrl,
  trackAdapters,
  withPgClient,
} from './adapters.mjs';

// ---------------------------------------------------------------------------
// logging (stderr, JSON lines, as the native engine does)

/**
 * @param {'ERROR'|'WARN'|'INFO'|'DEBUG'} level
 * @param {string} message
 * @param {Record<string, unknown>} [fields]
 */
function log(level, message, fields = {}) {
  const line = {
    timestamp: new Date().toISOString(),
    level,
    fields: { message, ...fields },
    target: 'schema_engine::logger',
  };
  process.stderr.write(JSON.stringify(line) + '\n');
}

/** Forward a log line emitted by the wasm engine. */
function forwardEngineLog(/** @type {string} */ raw) {
  for (const text of raw.split('\n')) {
    if (!text.trim()) continue;
    try {
      const parsed = JSON.parse(text);
      parsed.timestamp ??= new Date().toISOString();
      process.stderr.write(JSON.stringify(parsed) + '\n');
    } catch {
      log('INFO', text);
    }
  }
}

// ---------------------------------------------------------------------------
// arguments

function parseArgs(argv) {
  /** @type {{ datamodels: string[], datasource?: { url?: string, shadowDatabaseUrl?: string }, cli?: string }} */
  const args = { datamodels: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`Missing value for ${a}`);
      return argv[++i];
    };
    if (a === '--datamodels' || a === '-d') args.datamodels.push(value());
    else if (a === '--datasource') args.datasource = JSON.parse(value());
    else if (a === '--enabled-preview-features' || a === '--extension-types') value();
    else if (a === 'cli') {
      args.cli = argv[i + 1];
      break;
    } else if (a === '--version' || a === '-V') args.cli = '--version';
    else if (a.startsWith('--')) {
      // Unknown flag: ignore it, with its value if it has one.
      if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') && argv[i + 1] !== 'cli') i++;
    }
  }
  return args;
}

// ---------------------------------------------------------------------------
// errors of the `cli` mode, in the native engine's words

/** @param {unknown} error @param {string} url */
function connectorError(error, url) {
  const e = /** @type {any} */ (error);
  let host = '';
  let user = '';
  try {
    const u = new URL(url);
    host = `${u.hostname}:${u.port || 5432}`;
    user = decodeURIComponent(u.username);
  } catch {}
  const code = e?.code;
  if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', 'EAI_AGAIN', 'ENETUNREACH'].includes(code)) {
    return {
      error_code: 'P1001',
      message: `Can't reach database server at \`${host}\`\n\nPlease make sure your database server is running at \`${host}\`.`,
    };
  }
  if (code === '3D000') {
    return {
      error_code: 'P1003',
      message: `Database \`${databaseNameOf(url)}\` does not exist on the database server at \`${host}\`.`,
    };
  }
  if (code === '28P01' || code === '28000') {
    return {
      error_code: 'P1000',
      message:
        `Authentication failed against database server, the provided database credentials for \`${user}\` are not valid.\n\n` +
        `Please make sure to provide valid database credentials for the database server at \`${host}\`.`,
    };
  }
  return { message: String(e?.message ?? e).replaceAll(url, redactUrl(url)) };
}

/** @param {string} command @param {string | undefined} url */
async function runCliCommand(command, url) {
  // The CLI throws away the first stderr line.
  log('INFO', `Starting schema engine bridge (wasm) for \`cli ${command}\``);
  if (!url) {
    log('ERROR', 'No datasource URL was given (--datasource).');
    return 1;
  }
  let target;
  try {
    target = parseDatabaseUrl(url);
  } catch (e) {
    log('ERROR', String(/** @type {any} */ (e)?.message ?? e));
    return 1;
  }
  try {
    if (target.kind === 'postgres') {
      if (command === 'can-connect-to-database') await withPgClient(target.url, (c) => c.query('SELECT 1'));
      else if (command === 'create-database') {
        const name = await createPgDatabase(target.url);
        log('INFO', `Database \`${name}\` created`);
      } else if (command === 'drop-database') await dropPgDatabase(target.url);
      else throw new Error(`Unknown cli command: ${command}`);
      return 0;
    }
    // PGlite
    const { dataDir } = target;
    const inMemory = dataDir.startsWith('memory://');
    if (command === 'can-connect-to-database') {
      if (inMemory || pgliteDataDirExists(dataDir)) return 0;
      log('ERROR', `Database \`${dataDir}\` does not exist`, { error_code: 'P1003' });
      return 1;
    }
    if (command === 'create-database') {
      if (!inMemory) {
        const db = await openPglite(dataDir);
        await db.close();
      }
      log('INFO', `Database \`${dataDir}\` created`);
      return 0;
    }
    if (command === 'drop-database') {
      if (!inMemory) {
        // Take the lock so that a process using the database is not pulled from under it.
        const db = await openPglite(dataDir);
        await db.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
      return 0;
    }
    throw new Error(`Unknown cli command: ${command}`);
  } catch (e) {
    const err = target.kind === 'postgres' ? connectorError(e, target.url) : { message: String(/** @type {any} */ (e)?.message ?? e) };
    log('ERROR', err.message, err.error_code ? { error_code: err.error_code } : {});
    return 1;
  }
}

// ---------------------------------------------------------------------------
// JSON-RPC mode

/** @param {ReturnType<typeof parseArgs>} args */
async function runRpcServer(args) {
  const write = (/** @type {object} */ msg) => process.stdout.write(JSON.stringify(msg) + '\n');

  const url = args.datasource?.url;
  const shadowDatabaseUrl = args.datasource?.shadowDatabaseUrl || undefined;

  /** @type {any} */
  let baseFactory;
  /** @type {ReturnType<typeof trackAdapters> | undefined} */
  let tracker;
  /** @type {any} */
  let errorRegistry;

  // Start the engine at once, while the CLI writes its first request.
  const enginePromise = (async () => {
    const datamodels = readDatamodels(args.datamodels);
    if (url) {
      baseFactory = createMigrationAdapterFactory(url, { shadowDatabaseUrl });
    } else {
      baseFactory = {
        provider: 'postgres',
        adapterName: 'no-datasource',
        connect: async () => {
          throw new Error('No datasource URL was given to the schema engine (set datasource.url in prisma.config.ts)');
        },
      };
    }
    tracker = trackAdapters(baseFactory);
    const created = await createWasmSchemaEngine({ datamodels, adapterFactory: tracker.factory, onLog: forwardEngineLog });
    errorRegistry = created.errorRegistry;
    return created.engine;
  })();
  enginePromise.catch(() => {}); // reported per request

  let nextOwnId = 1;
  /** Requests we sent to the CLI (print), by id. */
  const pending = new Map();

  /** Ask the CLI to print `content` on its stdout, and wait for its answer. */
  const print = (/** @type {string} */ content) =>
    new Promise((resolve) => {
      const id = `bridge-print-${nextOwnId++}`;
      pending.set(id, resolve);
      write({ jsonrpc: '2.0', id, method: 'print', params: { content } });
    });

  const errorResponse = (/** @type {any} */ id, /** @type {ReturnType<typeof describeEngineError>} */ d) => ({
    jsonrpc: '2.0',
    id,
    error: {
      code: 4466,
      // the CLI shows this message for panics
      message: d.isPanic ? d.message : 'An error happened. Check the data field for details.',
      data: {
        is_panic: d.isPanic,
        message: d.message,
        backtrace: null,
        ...(d.meta !== undefined ? { meta: d.meta } : {}),
        ...(d.errorCode ? { error_code: d.errorCode } : {}),
      },
    },
  });

  /** @param {any} req */
  async function handle(req) {
    const { id, method, params } = req;
    let engine;
    try {
      engine = await enginePromise;
    } catch (e) {
      const d = describeEngineError(e, errorRegistry);
      log('ERROR', `The schema engine could not start: ${d.message}`);
      return errorResponse(id, { ...d, message: `The schema engine could not start: ${d.message}` });
    }
    try {
      let result;
      switch (method) {
        case 'diff': {
          const out = await engine.diff(params);
          if (out.stdout !== null && out.stdout !== undefined) await print(out.stdout);
          result = { ...out, stdout: null };
          break;
        }
        case 'getDatabaseVersion':
        case 'version':
          result = await engine.version(params ?? undefined);
          break;
        case 'createDatabase':
          result = await createDatabaseFor(params);
          break;
        case 'evaluateDataLoss':
        case 'createMigration':
          result = await withMigrationSchemaCache(engine, params, () => engine[method](params));
          break;
        case 'debugPanic':
          engine.debugPanic();
          result = {};
          break;
        default: {
          if (typeof engine[method] !== 'function' || method === 'free' || method.startsWith('_') || method === 'constructor') {
            return { jsonrpc: '2.0', id, error: { code: -32601, message: `Method not found: ${method}` } };
          }
          result = await engine[method](params);
        }
      }
      return { jsonrpc: '2.0', id, result: result === undefined ? {} : result };
    } catch (e) {
      const d = describeEngineError(e, errorRegistry);
      if (d.isPanic) log('ERROR', d.message, { is_panic: true });
      return errorResponse(id, d);
    }
  }

  /**
   * The wasm engine's evaluateDataLoss and createMigration get the schema of the migration history
   * from a cache that devDiagnostic fills, and cannot build it themselves ("PostgreSQL shadow DB
   * must be provided through an external factory"). When `migrate dev` first applies pending
   * migrations, the cache holds only the previously applied ones. diagnoseMigrationHistory with
   * the shadow database, now that all are applied, fills the cache for the full list; then retry.
   */
  async function withMigrationSchemaCache(/** @type {any} */ engine, /** @type {any} */ params, /** @type {() => Promise<any>} */ call) {
    try {
      return await call();
    } catch (e) {
      if (!/shadow DB must be provided through an external factory/.test(String(/** @type {any} */ (e)?.message))) throw e;
      await engine.diagnoseMigrationHistory({
        migrationsList: params.migrationsList,
        optInToShadowDatabase: true,
        filters: params.filters ?? { externalTables: [], externalEnums: [] },
      });
      return await call();
    }
  }

  /** createDatabase RPC: the database named by the given datasource (or ours). */
  async function createDatabaseFor(/** @type {any} */ params) {
    const dsUrl = params?.datasource?.tag === 'ConnectionString' ? params.datasource.url : url;
    const target = parseDatabaseUrl(dsUrl);
    if (target.kind === 'postgres') return { databaseName: await createPgDatabase(target.url) };
    if (!target.dataDir.startsWith('memory://')) {
      const db = await openPglite(target.dataDir);
      await db.close();
    }
    return { databaseName: target.dataDir };
  }

  // Requests run one at a time, in order.
  let queue = Promise.resolve();
  /** The request being handled, until it is answered. */
  let current = /** @type {{ id: any, answered: boolean } | null} */ (null);

  // A Rust panic inside the wasm engine can surface as an uncaught exception instead of a rejected
  // promise; the request would then never be answered, and the CLI would see the bridge exit.
  // Answer it with the panic, clean up (a temporary shadow database must not be left behind), exit.
  let fatalError = false;
  const fatal = async (/** @type {unknown} */ error) => {
    if (fatalError) return;
    fatalError = true;
    const d = describeEngineError(error, errorRegistry);
    log('ERROR', d.message, { is_panic: d.isPanic });
    // Clean up before answering: once answered, the CLI may exit and stop waiting for us.
    await Promise.race([tracker?.disposeAll().catch(() => {}), new Promise((r) => setTimeout(r, 15_000).unref())]);
    if (current && !current.answered && current.id !== undefined && current.id !== null) {
      current.answered = true;
      write(errorResponse(current.id, d));
    }
    void shutdown(d.isPanic ? 101 : 1, { waitForQueue: false });
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    if (!line.trim()) return;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      write({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
      return;
    }
    if (msg.method === undefined && msg.id !== undefined && pending.has(msg.id)) {
      const resolve = pending.get(msg.id);
      pending.delete(msg.id);
      resolve(msg);
      return;
    }
    if (typeof msg.method !== 'string') return;
    queue = queue.then(async () => {
      const entry = { id: msg.id, answered: false };
      current = entry;
      const response = await handle(msg);
      if (!entry.answered && msg.id !== undefined && msg.id !== null) write(response);
      entry.answered = true;
      current = null;
    });
  });

  let shuttingDown = false;
  async function shutdown(/** @type {number} */ code, { waitForQueue = true } = {}) {
    if (shuttingDown) return;
    shuttingDown = true;
    // Let the request in progress finish (the CLI closes stdin only when it has its answers).
    if (waitForQueue) await Promise.race([queue, new Promise((r) => setTimeout(r, 30_000).unref())]);
    try {
      await tracker?.disposeAll();
    } catch (e) {
      log('WARN', `Closing database connections failed: ${/** @type {any} */ (e)?.message ?? e}`);
    }
    try {
      await baseFactory?.close?.();
    } catch (e) {
      log('WARN', `Closing the database failed: ${/** @type {any} */ (e)?.message ?? e}`);
    }
    process.exit(code);
  }
  rl.on('close', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(130));
}

// ---------------------------------------------------------------------------

export async function main(argv = process.argv.slice(2)) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    log('ERROR', `Invalid arguments: ${/** @type {any} */ (e)?.message ?? e}`);
    process.exit(1);
  }
  if (args.cli === '--version') {
    const { wasmEngineVersion } = await import('./wasm-engine.mjs');
    process.stdout.write(`schema-engine-wasm-bridge ${await wasmEngineVersion()}\n`);
    process.exit(0);
  }
  if (args.cli !== undefined) {
    const code = await runCliCommand(args.cli, args.datasource?.url);
    process.exit(code);
  }
  await runRpcServer(args);
}
