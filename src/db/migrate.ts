// In-process `prisma migrate deploy`: the schema engine compiled to WebAssembly applies the
// pending migrations of prisma/migrations through a driver adapter, recording them in
// _prisma_migrations exactly as the CLI does. Used by the app to migrate the embedded database
// when it opens, and by tests.
import fs from 'node:fs';
import path from 'node:path';
import type { SqlDriverAdapterFactory, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PROJECT_ROOT, trackAdapters } from '../../prisma/engine/adapters.mjs';
import { createWasmSchemaEngine, describeEngineError, readMigrationsList } from '../../prisma/engine/wasm-engine.mjs';

export const DEFAULT_MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations');
export const DEFAULT_SCHEMA_PATH = path.join(PROJECT_ROOT, 'prisma', 'schema.prisma');

/** A migration failed, or the engine could not run. `code` is a Prisma error code when there is one. */
export class MigrationError extends Error {
  override name = 'MigrationError';
  readonly code: string | undefined;
  constructor(message: string, code?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export interface ApplyMigrationsOptions {
  /** Migrations folder; relative paths are relative to the project root. Default prisma/migrations. */
  migrationsDir?: string;
  /** Prisma schema given to the engine; relative to the project root. Default prisma/schema.prisma (if present). */
  schemaPath?: string;
}

/**
 * Apply pending migrations from prisma/migrations in-process (like `migrate deploy`), recording
 * them in _prisma_migrations. Returns names applied.
 *
 * Accepts `new PrismaPGlite(pglite)` (pglite-prisma-adapter) and `createPgAdapter(url)` (./pg.ts),
 * or any SQL driver adapter factory. The adapters it connects are disposed before it returns
 * (which leaves a PGlite instance you passed in open), and it leaves no timers running.
 */
export async function applyMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory | SqlDriverAdapterFactory,
  opts: ApplyMigrationsOptions = {},
): Promise<string[]> {
  const migrationsDir = path.resolve(PROJECT_ROOT, opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const schemaPath = path.resolve(PROJECT_ROOT, opts.schemaPath ?? DEFAULT_SCHEMA_PATH);
  const datamodels: Array<[string, string]> | undefined =
    opts.schemaPath !== undefined || fs.existsSync(schemaPath)
      ? [[schemaPath, fs.readFileSync(schemaPath, 'utf8')]]
      : undefined;

  const migrationsList = await readMigrationsList(migrationsDir);
  const tracker = trackAdapters(factory);
  try {
    let created: Awaited<ReturnType<typeof createWasmSchemaEngine>>;
    try {
      created = await createWasmSchemaEngine({ datamodels, adapterFactory: tracker.factory });
    } catch (e) {
      const d = describeEngineError(e);
      throw new MigrationError(`The schema engine could not start: ${d.message}`, d.errorCode, {
        cause: (e as Error).cause ?? e,
      });
    }
    const { engine, errorRegistry } = created;
    try {
      const result = await engine.applyMigrations({
        migrationsList,
        filters: { externalTables: [], externalEnums: [] },
      });
      return result.appliedMigrationNames;
    } catch (e) {
      const d = describeEngineError(e, errorRegistry);
      throw new MigrationError(`Applying migrations from ${migrationsDir} failed: ${d.message}`, d.errorCode, {
        cause: d.cause ?? e,
      });
    } finally {
      engine.free();
    }
  } finally {
    await tracker.disposeAll();
  }
}
