// What npm start needs before it serves: a database it can reach, the demo data only when asked for,
// and a port it can listen on. Each failure is one plain sentence on stderr and exit code 1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import pg from 'pg';
import type { Config } from './config.ts';
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
