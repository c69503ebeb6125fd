// npm run db:migrate: apply the pending migrations of prisma/migrations, in-process through the schema
// engine compiled to WebAssembly (like `prisma migrate deploy`, with no Prisma CLI and no download), so
// it also runs from the compiled build of an offline install. DATABASE_URL selects the server; without
// it the embedded database is opened, which migrates itself.
import { ConfigError, loadConfig } from '../config.ts';
import { applyMigrations, MigrationError } from '../db/migrate.ts';
import { createPgAdapter } from '../db/pg.ts';
import { openDatabase } from '../db/index.ts';
import { describeDatabaseUrl } from '../startup.ts';

function fail(message: string): never {
  process.stderr.write(`db:migrate: ${message}\n`);
  process.exit(1);
}

try {
  const config = loadConfig();
  if (config.databaseUrl) {
    const applied = await applyMigrations(createPgAdapter(config.databaseUrl));
    process.stdout.write(`${describeDatabaseUrl(config.databaseUrl)}: ${applied.length ? `applied ${applied.join(', ')}` : 'no pending migrations'}\n`);
  } else {
    const database = await openDatabase(config);
    await database.close();
    process.stdout.write(`embedded database in ${config.dataDir}: up to date\n`);
  }
} catch (e) {
  if (e instanceof ConfigError || e instanceof MigrationError) fail(e.message);
  if (e instanceof Error) fail(e.message);
  throw e;
}
