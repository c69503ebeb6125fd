// Types for adapters.mjs (plain JavaScript so the schema-engine bridge needs no loader).
import type pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import type { PGlite } from '@electric-sql/pglite';
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';

/** The project root: the folder holding prisma.config.ts and package.json. */
export declare const PROJECT_ROOT: string;
/** Used when DATABASE_URL is unset: `file:./data/pglite`. */
export declare const DEFAULT_DATABASE_URL: string;
/** Cache file holding a snapshot of an empty PGlite cluster (speeds up creating databases). */
export declare const PGLITE_SNAPSHOT_FILE: string;

export type ParsedDatabaseUrl = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

/**
 * `postgres://…`/`postgresql://…` → a server; `file:<dir>` (alias `pglite:<dir>`) → a PGlite
 * data directory, relative paths resolved against `baseDir` (default: the project root);
 * `file:memory://` → in-memory PGlite (dataDir `memory://`). Empty/undefined → DEFAULT_DATABASE_URL.
 */
export declare function parseDatabaseUrl(url: string | undefined | null, baseDir?: string): ParsedDatabaseUrl;
export declare function redactUrl(url: string): string;
export declare function databaseUrlWithName(url: string, database: string): string;
export declare function databaseNameOf(url: string): string;
export declare function quoteIdent(name: string): string;

/** pg.Client presenting Postgres' internal "char" type (OID 18) as text (OID 25). */
export declare class CharAsTextClient extends pg.Client {}
/** pg.Pool options for `url` using CharAsTextClient. */
export declare function pgPoolConfig(url: string, extra?: pg.PoolConfig): pg.PoolConfig;
/** Run `fn` with one short-lived client connected to `url`. */
export declare function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T>;
/** CREATE DATABASE for the database named in `url` (via the server's "postgres" database). Returns its name. */
export declare function createPgDatabase(url: string): Promise<string>;
/** DROP DATABASE IF EXISTS … WITH (FORCE) for the database named in `url`. */
export declare function dropPgDatabase(url: string): Promise<void>;
export interface TemporaryPgDatabase {
  name: string;
  url: string;
  /** DROP DATABASE IF EXISTS … WITH (FORCE) */
  drop(): Promise<void>;
}
/** Create a uniquely named database on the server of `url` (which must be reachable). */
export declare function createTemporaryPgDatabase(url: string, prefix?: string): Promise<TemporaryPgDatabase>;
/** Drop every non-system schema of the database in `url`, then recreate "public". */
export declare function emptyPgDatabase(url: string): Promise<void>;

export type PrismaPgOptions = NonNullable<ConstructorParameters<typeof PrismaPg>[1]>;
export interface PgAdapterFactoryOptions extends PrismaPgOptions {
  /** A database `connectToShadowDb` empties and reuses instead of creating a temporary one. */
  shadowDatabaseUrl?: string;
  /** Extra pg.Pool options (max, idleTimeoutMillis, …). */
  poolConfig?: pg.PoolConfig;
}
/**
 * @prisma/adapter-pg's factory with CharAsTextClient pools, whole-script executeScript,
 * and a shadow database that is dropped WITH (FORCE) after its pool is closed.
 */
export declare class PgAdapterFactory extends PrismaPg {
  constructor(url: string, options?: PgAdapterFactoryOptions);
  readonly databaseUrl: string;
  readonly shadowDatabaseUrl: string | undefined;
}

/** True when `dataDir` holds an initialised cluster. */
export declare function pgliteDataDirExists(dataDir: string): boolean;
/**
 * Open (creating if needed) a PGlite database; undefined or 'memory://' → in memory.
 * A data directory is locked (`<dataDir>.lock`) against other processes until `close()`;
 * waits up to `lockWaitMs` (default 5000) for another holder, then throws.
 */
/** PGlite and its Prisma adapter, imported on first use (a process on a PostgreSQL server never loads them). */
export declare function loadPglite(): Promise<{
  PGlite: typeof import('@electric-sql/pglite').PGlite;
  PrismaPGlite: typeof import('pglite-prisma-adapter').PrismaPGlite;
}>;
export declare function openPglite(dataDir: string | undefined, options?: { lockWaitMs?: number }): Promise<PGlite>;
/** Make pglite-prisma-adapter's executeScript await the script and report its errors. */
export declare function fixPgliteExecuteScript<T>(adapter: T): T;
/** Apply the executeScript fix matching the adapter (PGlite or adapter-pg). */
export declare function fixExecuteScript<T>(adapter: T): T;

/** Migration-aware factory over a PGlite data directory (opened on first connect) or an open PGlite. */
export declare class PgliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  constructor(dataDirOrDb: string | PGlite);
  readonly provider: 'postgres';
  readonly adapterName: string;
  readonly dataDir: string | undefined;
  /** The PGlite instance (opened on first call when constructed with a path). */
  pglite(): Promise<PGlite>;
  connect(): Promise<SqlDriverAdapter>;
  /** A fresh in-memory PGlite, closed when the adapter is disposed. */
  connectToShadowDb(): Promise<SqlDriverAdapter>;
  /** Close the database if this factory opened it. */
  close(): Promise<void>;
}

/** The migration-aware factory for a database URL (see parseDatabaseUrl). */
export declare function createMigrationAdapterFactory(
  url: string | undefined,
  options?: { shadowDatabaseUrl?: string; baseDir?: string },
): PgAdapterFactory | PgliteAdapterFactory;

/**
 * Wrap a factory so every adapter it hands out is remembered until disposed;
 * `disposeAll()` disposes those still open.
 */
export declare function trackAdapters(factory: SqlDriverAdapterFactory | SqlMigrationAwareDriverAdapterFactory): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  disposeAll(): Promise<void>;
};
/** Lock `<dataDir>.lock` for this process; resolves to the release function. */
export declare function acquireDataDirLock(dataDir: string, waitMs: number): Promise<() => void>;
