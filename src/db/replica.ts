// Read replicas: read-heavy pages (dashboards, ranking, exports, the summary report) may read from a PostgreSQL
// streaming replica (DATABASE_REPLICA_URL). Everything else, every write and every transaction of a write, stays
// on the primary.
//
// Freshness: before a page reads there, the primary's WAL write position is read (one cheap query) and the
// replica is used only once it has replayed up to it. A save acknowledged before the request was committed, so
// its commit record lies before that position: a page never shows less than was saved before it was asked for
// (a user's own writes included). A replica that is behind gets a short bounded wait, then the primary serves.
// A replica that cannot be reached is left alone for a few seconds, and the primary serves: never a 500.
import type { Logger } from '../logger.ts';
import { AppError } from '../errors.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { newClient, type Db } from './index.ts';
import { createPgAdapter } from './pg.ts';
import { pgStatementOptions } from './statement-names.ts';

/** Which client served each read-routed request, and why the primary did when it did. */
export type ReadStats = { replica: number; primary: number; lagging: number; down: number; retried: number };

export type Reads = {
  /**
   * The client for one read-only request: the replica once it has replayed every commit the primary had made when
   * this was called, else the primary. Never throws. For anything read inside a transaction, use the primary.
   */
  client(): Promise<Db>;
  /** `fn` on client(); if it fails on the replica (it went down, or recovery cancelled a query), once more on the primary. */
  run<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  readonly stats: ReadStats;
  readonly replica?: Db;
  close(): Promise<void>;
};

export type ReplicaOptions = {
  logger: Logger;
  /** how long a request waits for a replica that is behind before the primary serves it */
  waitMs?: number;
  /** how long an unreachable replica is left alone */
  retryAfterMs?: number;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newStats = (): ReadStats => ({ replica: 0, primary: 0, lagging: 0, down: 0, retried: 0 });

/** No replica: every read on the primary, at no extra cost. */
export function primaryReads(primary: Db): Reads {
  const stats = newStats();
  const client = async () => {
    stats.primary++;
    return primary;
  };
  return { stats, client, run: async (fn) => fn(await client()), close: async () => {} };
}

/** A replica client for `url`: connection attempts give up quickly, so a replica that is gone costs a page little. */
export function openReplicaClient(url: string, opts: { onQuery?: (sql: string) => void; preparedStatements?: boolean } = {}): PrismaClient {
  return newClient(createPgAdapter(url, { poolConfig: { connectionTimeoutMillis: 2_000 }, ...pgStatementOptions(opts.preparedStatements) }), opts.onQuery);
}

/** Reads routed to `replica` when it is caught up with `primary` (see the top of this file). */
export function replicaReads(primary: Db, replica: PrismaClient, opts: ReplicaOptions): Reads {
  const { logger, waitMs = 100, retryAfterMs = 5_000 } = opts;
  const stats = newStats();
  let downUntil = 0;

  function markDown(e: unknown) {
    if (downUntil === 0) logger.warn({ err: e }, `read replica unreachable: reading from the primary, trying again every ${retryAfterMs / 1000} s`);
    downUntil = Date.now() + retryAfterMs;
  }

  /** true when the replica has replayed the primary's WAL up to its write position now (waits up to waitMs) */
  async function caughtUp(): Promise<boolean> {
    const [{ lsn }] = await primary.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
    const deadline = Date.now() + waitMs;
    for (let pause = 2; ; pause = Math.min(pause * 2, 20)) {
      // null when the server is not a standby: its freshness is unknown, so it is never used
      const [{ ok }] = await replica.$queryRaw<{ ok: boolean | null }[]>`SELECT pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn AS ok`;
      if (ok) return true;
      if (ok === null || Date.now() >= deadline) return false;
      await sleep(pause);
    }
  }

  async function client(): Promise<Db> {
    if (Date.now() < downUntil) {
      stats.down++;
      stats.primary++;
      return primary;
    }
    let fresh: boolean;
    try {
      fresh = await caughtUp();
    } catch (e) {
      markDown(e);
      stats.down++;
      stats.primary++;
      return primary;
    }
    if (downUntil !== 0) logger.info('read replica reachable again');
    downUntil = 0;
    if (fresh) {
      stats.replica++;
      return replica;
    }
    stats.lagging++;
    stats.primary++;
    logger.debug({ fallbacks: stats.lagging, waitMs }, 'read replica behind the primary: this request reads from the primary');
    return primary;
  }

  return {
    stats,
    replica,
    client,
    run: async (fn) => {
      const db = await client();
      if (db === primary) return fn(db);
      try {
        return await fn(db);
      } catch (e) {
        if (e instanceof AppError) throw e; // the page's own answer (404, 403…), the same on either server
        stats.retried++;
        logger.warn({ err: e }, 'a read on the replica failed: reading from the primary');
        return fn(primary);
      }
    },
    close: () => replica.$disconnect(),
  };
}
