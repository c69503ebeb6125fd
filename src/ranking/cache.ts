// Live standings cached in each app instance, exact and without a TTL.
//
// Database triggers add a "RankingChange" row for every statement that writes anything a live ranking is computed
// from (scores, assessments, periods, criteria, groups, participants, campaign settings, unit names; see the
// migration ranking_changes), and at commit a deferred trigger adds each to the campaign's "RankingCounter" and
// deletes it (migration ranking_sheets). A committed write therefore always raises the campaign's counter, in the
// same commit, and equal counters mean the same committed data; reading it is one primary-key lookup. A cached
// ranking is served while the counter has not moved; a new one is computed in a REPEATABLE READ transaction that
// reads the counter and the scores from one snapshot. So a page never shows a ranking older than the last save
// acknowledged before it was asked for. One computation per campaign runs at a time; concurrent requests wait
// for it instead of repeating it.
import type { Db, Tx } from '../db/index.ts';
import type { Standings } from './types.ts';

type Entry = { changes: bigint; standings: Standings };
type Read = (tx: Tx) => Promise<Standings>;

const MAX_ENTRIES = 32;
/** per database client: a process may talk to several databases (tests do), where campaign ids repeat */
const caches = new WeakMap<Db, { entries: Map<string, Entry>; running: Map<string, Promise<Entry>> }>();
function cacheOf(prisma: Db) {
  let c = caches.get(prisma);
  if (!c) caches.set(prisma, (c = { entries: new Map(), running: new Map() }));
  return c;
}

async function changesOf(db: Tx, campaignId: number): Promise<bigint> {
  const row = await db.rankingCounter.findUnique({ where: { campaignId }, select: { n: true } });
  return row?.n ?? 0n;
}

/** Freeze a cached value so a caller that tried to change it in place would fail loudly in tests. */
function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v) && !(v instanceof Date)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

function remember(entries: Map<string, Entry>, key: string, entry: Entry): void {
  entries.delete(key);
  entries.set(key, entry);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}

function compute(prisma: Db, key: string, campaignId: number, read: Read): Promise<Entry> {
  const { entries, running } = cacheOf(prisma);
  const job = prisma
    .$transaction(
      async (tx) => {
        const changes = await changesOf(tx, campaignId);
        return { changes, standings: deepFreeze(await read(tx)) };
      },
      { isolationLevel: 'RepeatableRead', timeout: 300_000, maxWait: 20_000 },
    )
    .then((entry) => {
      const cur = entries.get(key);
      if (!cur || cur.changes <= entry.changes) remember(entries, key, entry);
      return entry;
    })
    .finally(() => {
      if (running.get(key) === job) running.delete(key);
    });
  running.set(key, job);
  return job;
}

/** The standings `read` returns, from the cache while the campaign's data has not changed since. */
export async function cachedStandings(prisma: Db, campaignId: number, variant: string, read: Read): Promise<Standings> {
  const key = `${campaignId}:${variant}`;
  const { entries, running } = cacheOf(prisma);
  const now = await changesOf(prisma, campaignId);
  const hit = entries.get(key);
  if (hit && hit.changes === now) return hit.standings;
  // a computation under way from a snapshot at least as new as our count will do
  const pending = running.get(key);
  if (pending) {
    const entry = await pending;
    if (entry.changes >= now) return entry.standings;
  }
  return (await compute(prisma, key, campaignId, read)).standings;
}
