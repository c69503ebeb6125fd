// Prisma CLI configuration (Prisma 7).
//
// No native engine can be downloaded on this network, so the CLI is pointed at the
// project's own schema engine: prisma/engine/schema-engine, a Node script running the
// engine compiled to WebAssembly. Setting the variable here, before the CLI checks for
// its binaries, makes plain `npx prisma …` work with no environment set.
//
// DATABASE_URL selects the database:
//   postgres://user:pass@host:5432/db   a PostgreSQL server
//   file:./data/pglite                  the embedded PGlite database (the default when unset);
//                                       relative paths are relative to this folder
// SHADOW_DATABASE_URL (optional, PostgreSQL only): a database `migrate dev` may empty and reuse
// as its shadow database. Without it a temporary database is created and dropped each time
// (PGlite: a fresh in-memory database).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

const projectRoot = path.dirname(fileURLToPath(import.meta.url));

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(projectRoot, 'prisma', 'engine', 'schema-engine');

const shadowDatabaseUrl = process.env.SHADOW_DATABASE_URL || undefined;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
  },
  datasource: {
    url: process.env.DATABASE_URL || 'file:./data/pglite',
    ...(shadowDatabaseUrl ? { shadowDatabaseUrl } : {}),
  },
});
