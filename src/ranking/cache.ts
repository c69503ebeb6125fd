// Live standings cached in each app instance, exact and without a TTL.
//
// Database triggers add a "RankingChange" row for every statement that writes anything a live ranking is computed
// from (scores, assessments, periods, criteria, groups, participants, campaign settings, unit names; see the
// migration ranking_changes), and at commit a deferred trigger adds each to the campaign's "RankingCounter" and
// deletes it (migration ranking_sheets). A committed write therefore always raises the campaign's counter, in the
// same commit, and equal counters mean the same committed data; reading it is one primary-key lookup. A cached
// ranking is served while the counter has not moved. Otherwise a new one is computed in a REPEATABLE READ
// transaction that reads the counter and the data from one snapshot, so a page never shows a ranking older than
// the last save acknowledged before it was asked for. When only scores and assessments changed (the counter's
// `structure` part stands still) the computation starts from the data of the cached one and reads only what was
// written since its snapshot. One computation per campaign runs at a time; requests that need a newer one than
// the running one wait for it and then share the next.
import type { Db, Tx } from '../db/index.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { Standings } from './types.ts';

/** What a computation may start from: the data of an earlier one and the snapshot it was read in. */
export type Prior<D> = { data: D; snapshot: string };
/** A computation kept under the counter: its value, and the data a later one may catch up from. */
export type KeptRead<V, D> = (tx: Tx, prior: Prior<D> | null) => Promise<{ value: V; data?: D }>;
type Read<D> = (tx: Tx, prior: Prior<D> | null) => Promise<{ standings: Standings; data?: D }>;
type Signal = { n: bigint; structure: bigint };
type Entry = { changes: bigint; structure: bigint; snapshot: string; value: unknown; data?: unknown };
type Cache = { entries: Map<string, Entry>; running: Map<string, Promise<Entry>>; max: number };
/** what is kept: rankings (a national one holds its live data, tens of MB) apart from the smaller dashboard parts */
export type KeptKind = 'ranking' | 'completeness';

const MAX_ENTRIES: Record<KeptKind, number> = { ranking: 32, completeness: 128 };
/** per database client: a process may talk to several databases (tests do), where campaign ids repeat */
const caches = new WeakMap<Db, Record<KeptKind, Cache>>();
function cacheOf(prisma: Db, kind: KeptKind): Cache {
  let c = caches.get(prisma);
  if (!c) caches.set(prisma, (c = { ranking: newCache(MAX_ENTRIES.ranking), completeness: newCache(MAX_ENTRIES.completeness) }));
  return c[kind];
}
const newCache = (max: number): Cache => ({ entries: new Map(), running: new Map(), max });

/**
 * The transaction's snapshot, as a later catch-up reads it (what it saw, to read only what it did not). A read
 * replica's pg_current_snapshot() lists no transactions in progress (in recovery PostgreSQL keeps them elsewhere), so
 * there "xmin:xmin:" stands for it instead: everything from the oldest transaction still running counts as unseen
 * and is read again, a few rows more and never one too few.
 */
const SNAPSHOT = Prisma.sql`CASE WHEN pg_is_in_recovery() THEN format('%s:%s:', pg_snapshot_xmin(s), pg_snapshot_xmin(s)) ELSE s::text END AS s FROM pg_current_snapshot() s`;

/**
 * Let a read replica's client use `primary`'s kept values (rankings and completeness alike): a physical replica holds
 * the same rows and counters, so an entry computed on either serves both (and a national ranking is held once, not twice).
 */
export function shareRankingCache(replica: Db, primary: Db): void {
  cacheOf(primary, 'ranking');
  caches.set(replica, caches.get(primary)!);
}

async function signalOf(db: Tx, campaignId: number): Promise<Signal> {
  const [row] = await db.$queryRaw<{ n: bigint; structure: bigint }[]>`SELECT "n", "structure" FROM "RankingCounter" WHERE "campaignId" = ${campaignId}`;
  return { n: row?.n ?? 0n, structure: row?.structure ?? 0n };
}

/**
 * Freeze a cached ranking (the object, its list and each unit's standing) so a caller that tried to change it in
 * place would fail loudly in tests. Not deeper: freezing every breakdown entry of 5,000 units took longer than
 * computing them (bench profile: 0.5 s a ranking).
 */
function freezeStandings(s: Standings): Standings {
  for (const u of s.standings) Object.freeze(u);
  Object.freeze(s.standings);
  return Object.freeze(s);
}

function remember({ entries, max }: Cache, key: string, entry: Entry): void {
  entries.delete(key);
  entries.set(key, entry);
  if (entries.size > max) entries.delete(entries.keys().next().value!);
}

function compute<V, D>(prisma: Db, cache: Cache, key: string, campaignId: number, read: KeptRead<V, D>): Promise<Entry> {
  const { entries, running } = cache;
  const job = prisma
    .$transaction(
      async (tx): Promise<Entry> => {
        // the counter and the snapshot in one statement (a round trip fewer while officers save)
        const [row] = await tx.$queryRaw<{ n: string | null; structure: string | null; s: string }[]>`
          SELECT k."n"::text AS n, k."structure"::text AS structure, ${SNAPSHOT} LEFT JOIN "RankingCounter" k ON k."campaignId" = ${campaignId}`;
        const signal: Signal = { n: BigInt(row.n ?? 0), structure: BigInt(row.structure ?? 0) };
        const cur = entries.get(key);
        const prior = cur?.data !== undefined && cur.structure === signal.structure ? { data: cur.data as D, snapshot: cur.snapshot } : null;
        const out = await read(tx, prior);
        return { changes: signal.n, structure: signal.structure, snapshot: row.s, value: out.value, data: out.data };
      },
      { isolationLevel: 'RepeatableRead', timeout: 300_000, maxWait: 20_000 },
    )
    .then((entry) => {
      const cur = entries.get(key);
      if (!cur || cur.changes <= entry.changes) remember(cache, key, entry);
      return entry;
    })
    .finally(() => {
      if (running.get(key) === job) running.delete(key);
    });
  running.set(key, job);
  return job;
}

/**
 * The value `read` returns, kept per app instance under `kind` and `key` while the campaign's counter stands still.
 * When it moved but its `structure` part did not, `read` is handed the data and snapshot of the kept one to catch
 * up from (what was written since); otherwise it reads everything again.
 */
export async function keptBySignal<V, D>(prisma: Db, kind: KeptKind, campaignId: number, key: string, read: KeptRead<V, D>): Promise<V> {
  const cache = cacheOf(prisma, kind);
  const now = (await signalOf(prisma, campaignId)).n;
  for (;;) {
    const hit = cache.entries.get(key);
    if (hit && hit.changes >= now) return hit.value as V;
    const pending = cache.running.get(key);
    if (!pending) return (await compute(prisma, cache, key, campaignId, read)).value as V;
    // a computation under way from a snapshot at least as new as our counter will do; else wait and go again
    const entry = await pending.catch(() => null);
    if (entry && entry.changes >= now) return entry.value as V;
  }
}

/** The standings `read` returns, from the cache while the campaign's data has not changed since. */
export function cachedStandings<D>(prisma: Db, campaignId: number, variant: string, read: Read<D>): Promise<Standings> {
  return keptBySignal<Standings, D>(prisma, 'ranking', campaignId, `${campaignId}:${variant}`, async (tx, prior) => {
    const out = await read(tx, prior);
    return { value: freezeStandings(out.standings), data: out.data };
  });
}
