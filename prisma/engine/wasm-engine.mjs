// Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm)
// and offers small helpers around it. Plain JavaScript so that the
// `schema-engine` bridge runs with no TypeScript loader; types live in
// wasm-engine.d.mts.
//
// Used by:
//   - prisma/engine/bridge.mjs (stands in for the native schema-engine binary)
//   - src/db/migrate.ts        (in-process `migrate deploy` for the app)

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);

/**
 * The wasm glue reports Rust panic messages through this global object.
 * It must exist before the engine can panic, so define it at load time.
 */
if (!globalThis.PRISMA_WASM_PANIC_REGISTRY) {
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    message: '',
    set_message(message) {
      this.message = String(message);
    },
  };
}

/** @type {Promise<any> | undefined} */
let loading;

/**
 * Instantiate the wasm module once per process.
 * The glue's `__wbg_setTimeout_*` imports are wrapped so that every timer the
 * engine arms is unref()'d: the engine arms a 10 s timer it never clears, which
 * would otherwise keep the process alive for 10 s after the work is done.
 */
export function loadWasmSchemaEngine() {
  loading ??= (async () => {
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = path.join(path.dirname(gluePath), 'schema_engine_bg.wasm');
    const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');

    /** @type {Record<string, unknown>} */
    const imports = { ...glue };
    for (const [name, fn] of Object.entries(glue)) {
      if (typeof fn === 'function' && /^__wbg_setTimeout_/.test(name)) {
        imports[name] = (...args) => {
          const timer = fn(...args);
          if (timer && typeof timer.unref === 'function') timer.unref();
          return timer;
        };
      }
    }

    const bytes = await fsp.readFile(wasmPath);
    const module = new WebAssembly.Module(bytes);
    const importObject = {};
    for (const imp of WebAssembly.Module.imports(module)) {
      importObject[imp.module] ??= imports;
    }
    const instance = new WebAssembly.Instance(module, importObject);
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return glue;
  })();
  return loading;
}

/**
 * Create a wasm SchemaEngine bound to a migration-aware driver adapter factory.
 *
 * @param {object} options
 * @param {Array<[string, string]> | undefined} [options.datamodels] [path, content] pairs; undefined when none
 * @param {import('@prisma/driver-adapter-utils').SqlMigrationAwareDriverAdapterFactory} options.adapterFactory
 * @param {(line: string) => void} [options.onLog] receives the engine's log lines (JSON strings)
 */
export async function createWasmSchemaEngine({ datamodels, adapterFactory, onLog }) {
  const glue = await loadWasmSchemaEngine();
  const bound = bindMigrationAwareSqlAdapterFactory(adapterFactory);
  // An empty array makes the engine panic: it must be undefined or non-empty.
  const models = datamodels && datamodels.length > 0 ? datamodels : undefined;
  try {
    const engine = await glue.SchemaEngine.new({ datamodels: models }, (line) => onLog?.(String(line)), bound);
    return { engine, errorRegistry: bound.errorRegistry };
  } catch (e) {
    // Usually the driver adapter failed to connect: report its own error, not "External error id#0".
    const d = describeEngineError(e, bound.errorRegistry);
    const error = new Error(d.message, { cause: d.cause ?? e });
    if (d.errorCode) /** @type {any} */ (error).code = d.errorCode;
    throw error;
  }
}

/** The version string of the wasm engine package (commit hash). */
export async function wasmEngineVersion() {
  const glue = await loadWasmSchemaEngine();
  return glue.version();
}

/**
 * Read a migrations folder into the engine's `MigrationList` shape, the same way
 * the Prisma CLI does: every sub-directory is a migration holding `migration.sql`,
 * sorted by name, plus the optional `migration_lock.toml`.
 *
 * @param {string} migrationsDir absolute or relative path of prisma/migrations
 * @param {string} [shadowDbInitScript]
 */
export async function readMigrationsList(migrationsDir, shadowDbInitScript = '') {
  const baseDir = path.resolve(migrationsDir);
  const lockfileName = 'migration_lock.toml';
  const lockContent = await fsp.readFile(path.join(baseDir, lockfileName), 'utf8').catch(() => null);
  /** @type {fs.Dirent[]} */
  let entries = [];
  try {
    entries = await fsp.readdir(baseDir, { withFileTypes: true });
  } catch (e) {
    if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'ENOENT') throw e;
  }
  const migrationDirectories = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const file = path.join(baseDir, entry.name, 'migration.sql');
    const content = await fsp
      .readFile(file, 'utf8')
      .then((value) => ({ tag: 'ok', value }))
      .catch((e) => ({ tag: 'error', value: String(e?.message ?? e) }));
    migrationDirectories.push({ path: entry.name, migrationFile: { path: 'migration.sql', content } });
  }
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return {
    baseDir,
    lockfile: { path: lockfileName, content: lockContent },
    migrationDirectories,
    shadowDbInitScript,
  };
}

/**
 * Turn whatever the wasm engine threw into a plain description:
 * `{ message, errorCode?, isPanic, meta? }`.
 * Driver errors captured by the adapter error registry are resolved to their original error.
 *
 * @param {unknown} error
 * @param {{ consumeError(id: number): { error: unknown } | undefined }} [errorRegistry]
 */
export function describeEngineError(error, errorRegistry) {
  const e = /** @type {any} */ (error);
  if (e && e.name === 'RuntimeError') {
    const registry = globalThis.PRISMA_WASM_PANIC_REGISTRY;
    const message = registry?.message || String(e.message ?? e);
    if (registry) registry.message = '';
    return { message, isPanic: true };
  }
  // Errors thrown by JavaScript code inside the driver adapter are kept in the
  // registry; the engine only carries their id.
  const idMatch = /External error id#(\d+)/.exec(String(e?.message ?? ''));
  const id = idMatch ? Number(idMatch[1]) : (e?.cause?.id ?? e?.id);
  if (errorRegistry && typeof id === 'number') {
    const record = errorRegistry.consumeError(id);
    if (record) {
      const inner = /** @type {any} */ (record.error);
      return { message: String(inner?.message ?? inner), errorCode: undefined, isPanic: false, cause: inner };
    }
  }
  const message = typeof e?.message === 'string' ? e.message : String(e);
  const errorCode = typeof e?.code === 'string' && /^P\d{4}$/.test(e.code) ? e.code : undefined;
  return { message, errorCode, isPanic: false, meta: e?.meta };
}

/** Read schema files given on the command line into [path, content] pairs. */
export function readDatamodels(paths) {
  return paths.map((p) => /** @type {[string, string]} */ ([p, fs.readFileSync(p, 'utf8')]));
}
