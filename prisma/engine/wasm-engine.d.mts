// Types for wasm-engine.mjs.
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type {
  MigrationList,
  SchemaEngine,
} from '@prisma/schema-engine-wasm';

export type { MigrationList, SchemaEngine };

/** Instantiate the wasm engine module once per process (its timers unref()'d). */
export declare function loadWasmSchemaEngine(): Promise<typeof import('@prisma/schema-engine-wasm')>;

export interface ErrorRegistryLike {
  consumeError(id: number): { error: unknown } | undefined;
}

/** A wasm SchemaEngine bound to a migration-aware driver adapter factory. Call `engine.free()` when done. */
export declare function createWasmSchemaEngine(options: {
  /** [path, content] pairs; undefined (or empty) when there are none */
  datamodels?: Array<[string, string]> | undefined;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** receives the engine's log lines (JSON strings) */
  onLog?: (line: string) => void;
}): Promise<{ engine: SchemaEngine; errorRegistry: ErrorRegistryLike }>;

export declare function wasmEngineVersion(): Promise<string>;

/** Read a migrations folder into the engine's MigrationList, as the Prisma CLI does. */
export declare function readMigrationsList(migrationsDir: string, shadowDbInitScript?: string): Promise<MigrationList>;

export interface EngineErrorDescription {
  message: string;
  /** Prisma error code such as P3006, when the engine gave one */
  errorCode?: string;
  isPanic: boolean;
  meta?: unknown;
  /** the original JavaScript error of the driver adapter, when that is what failed */
  cause?: unknown;
}
export declare function describeEngineError(error: unknown, errorRegistry?: ErrorRegistryLike): EngineErrorDescription;

/** Read schema files into [path, content] pairs. */
export declare function readDatamodels(paths: string[]): Array<[string, string]>;
