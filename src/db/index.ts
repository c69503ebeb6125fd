import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { loadPglite, openPglite } from '../../prisma/engine/adapters.mjs';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient, type Prisma } from '../generated/prisma/client.ts';
import { applyMigrations } from './migrate.ts';
import { createPgAdapter } from './pg.ts';
import { pgStatementOptions } from './statement-names.ts';
import { takeTurns } from './pglite-turns.ts';

export type Db = PrismaClient;
/** The client or an open transaction: for queries that may run in either. */
export type Tx = Prisma.TransactionClient | Db;
/** Only an open transaction: for steps that must run inside one (version claims, snapshots). */
export type Transaction = Prisma.TransactionClient;

export type Database = {
  prisma: PrismaClient;
  kind: 'postgres' | 'embedded';
  /** true when the database answers a trivial query */
  ping(): Promise<boolean>;
  close(): Promise<void>;
};

/** Open the configured database. With no URL, open (and migrate) the embedded PGlite in dataDir. */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  pglite?: PGlite;
  migrate?: boolean;
  /** called with each SQL statement Prisma sends (tests count them to keep pages' queries bounded) */
  onQuery?: (sql: string) => void;
  /** named prepared statements on a PostgreSQL server (./statement-names.ts); on unless false */
  preparedStatements?: boolean;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const adapter = createPgAdapter(opts.databaseUrl, pgStatementOptions(opts.preparedStatements));
    const prisma = newClient(adapter, opts.onQuery);
    return {
      prisma,
      kind: 'postgres',
      ping: () => pingWith(prisma),
      close: () => prisma.$disconnect(),
    };
  }
  let pglite = opts.pglite;
  if (!pglite) {
    const dir = path.join(opts.dataDir, 'pglite');
    fs.mkdirSync(dir, { recursive: true });
    // locks the folder against a second process and starts from a cached empty cluster
    pglite = await openPglite(dir);
  }
  const { PrismaPGlite } = await loadPglite();
  // queries yield to the event loop every few ms, so new connections are accepted while others keep PGlite busy
  takeTurns(pglite);
  const factory = new PrismaPGlite(pglite);
  if (opts.migrate !== false) await applyMigrations(factory);
  const prisma = newClient(factory, opts.onQuery);
  const db = pglite;
  return {
    prisma,
    kind: 'embedded',
    ping: () => pingWith(prisma),
    close: async () => {
      await prisma.$disconnect();
      if (!db.closed) await db.close();
    },
  };
}

/** A Prisma client on `adapter`, reporting each statement to `onQuery` when given (the primary's and the replica's). */
export function newClient(adapter: SqlDriverAdapterFactory, onQuery?: (sql: string) => void): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter });
  const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  prisma.$on('query', (e) => onQuery(e.query));
  return prisma;
}

async function pingWith(prisma: PrismaClient): Promise<boolean> {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
