// What npm start needs before it serves: a database it can reach, the demo data only when asked for,
// and a port it can listen on. Each failure is one plain sentence on stderr and exit code 1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from './config.ts';
import { DEFAULT_MIGRATIONS_DIR } from './db/migrate.ts';
import type { Database } from './db/index.ts';

/** A start-up failure the operator can act on; server.ts prints its message alone and exits 1. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** host:port/database of a postgres:// URL, without its user or password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(DATABASE_URL)';
  }
}

/** One line: Prisma's multi-line messages keep only their `Message: …` part. */
function reason(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as NodeJS.ErrnoException).code;
  const text = e.message.match(/Message: `([^`]*)`/)?.[1] ?? e.message;
  const inner = e.cause instanceof Error ? e.cause.message : '';
  return [code, text, inner].filter(Boolean).join(': ').replace(/\s+/g, ' ').trim();
}

/** Connect once with the pg driver: its errors name the cause plainly (refused, authentication, no such database). */
async function checkPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The migrations of prisma/migrations a PostgreSQL database has not applied (all of them on a new database). */
export async function pendingMigrations(url: string, dir = DEFAULT_MIGRATIONS_DIR): Promise<{ pending: string[]; total: number }> {
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ ok: boolean }>(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok`);
    const applied = new Set<string>();
    if (rows[0]?.ok) {
      const done = await client.query<{ name: string }>(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
      for (const r of done.rows) applied.add(r.name);
    }
    return { pending: names.filter((n) => !applied.has(n)), total: names.length };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Open the configured database and prove it answers, or throw a StartupError saying which one failed. */
export async function openReachableDatabase(config: Config, open: () => Promise<Database>): Promise<Database> {
  const where = config.databaseUrl
    ? `the PostgreSQL server at ${describeDatabaseUrl(config.databaseUrl)} (DATABASE_URL)`
    : `the embedded database in ${config.dataDir}`;
  if (config.databaseUrl) {
    try {
      await checkPostgres(config.databaseUrl);
    } catch (e) {
      throw new StartupError(`cannot reach ${where}: ${reason(e)}`);
    }
    // the embedded database migrates itself when it opens; a server's database is migrated by the operator
    const { pending, total } = await pendingMigrations(config.databaseUrl).catch((e) => {
      throw new StartupError(`cannot read the migrations of ${where}: ${reason(e)}`);
    });
    if (pending.length > 0) {
      const what = pending.length === total ? `has no tables yet (${total} migrations to apply)` : `lacks ${pending.length} of ${total} migrations (the first: ${pending[0]})`;
      throw new StartupError(`the database of ${where} ${what}: run \`npm run db:migrate\` first`);
    }
  }
  let database: Database;
  try {
    database = await open();
  } catch (e) {
    throw new StartupError(`cannot open ${where}: ${reason(e)}`);
  }
  try {
    await database.prisma.$queryRaw`SELECT 1`;
  } catch (e) {
    await database.close().catch(() => undefined);
    throw new StartupError(`cannot reach ${where}: ${reason(e)}`);
  }
  return database;
}

/** Listen, resolving with the server once it listens; a port in use or refused is a StartupError. */
export function listen(app: Express, port: number, host: string): Promise<http.Server> {
  const server = http.createServer(app);
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new StartupError(`port ${port} is already in use on ${host}: stop the other program or set PORT to a free port`));
      else if (e.code === 'EACCES') reject(new StartupError(`no permission to listen on port ${port}: choose a port above 1023 with PORT`));
      else if (e.code === 'EADDRNOTAVAIL') reject(new StartupError(`cannot listen on ${host}: this machine has no such address (HOST)`));
      else reject(new StartupError(`cannot listen on ${host}:${port}: ${reason(e)}`));
    });
    server.listen(port, host, () => resolve(server));
  });
}

export function portOf(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}
