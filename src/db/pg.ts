// PostgreSQL server access through @prisma/adapter-pg, with the fixes it needs here.
// The implementation lives in prisma/engine/adapters.mjs, shared with the schema-engine bridge
// that `npx prisma migrate …` runs (plain JavaScript, no loader there).
import { PgAdapterFactory, type PgAdapterFactoryOptions } from '../../prisma/engine/adapters.mjs';

export {
  CharAsTextClient,
  PgAdapterFactory,
  createPgDatabase,
  createTemporaryPgDatabase,
  databaseNameOf,
  databaseUrlWithName,
  dropPgDatabase,
  emptyPgDatabase,
  pgPoolConfig,
  withPgClient,
} from '../../prisma/engine/adapters.mjs';
export type { PgAdapterFactoryOptions, TemporaryPgDatabase } from '../../prisma/engine/adapters.mjs';

/**
 * The @prisma/adapter-pg adapter factory (a PrismaPg subclass) for `url`, for PrismaClient and
 * for migrations. Each pg.Pool it opens uses CharAsTextClient, which presents Postgres' internal
 * "char" type (OID 18) as text: adapter-pg 7.10.1 cannot deserialize it. Its executeScript runs a
 * script as one query, and its connectToShadowDb makes a uniquely named database that is dropped
 * WITH (FORCE) once the shadow pool is closed (or empties `options.shadowDatabaseUrl`).
 */
export function createPgAdapter(url: string, options?: PgAdapterFactoryOptions): PgAdapterFactory {
  return new PgAdapterFactory(url, options);
}
