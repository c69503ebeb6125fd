// Live standings cached in each app instance, exact and without a TTL.
//
// Database triggers add a "RankingChange" row for every statement that writes anything a live ranking is computed
// from (scores, assessments, periods, criteria, groups, participants, campaign settings, unit names; see the
// migration ranking_changes). A committed write therefore always raises the campaign's count of such rows, and
// equal counts mean the same committed data. A cached ranking is served while the count has not moved; a new one is
// computed in a REPEATABLE READ transaction that reads the count and the scores from one snapshot. One computation
// per campaign runs at a time; concurrent requests wait for it instead of repeating it (bench: 1.8 million scores
// took seconds per request).
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
  const rows = await db.$queryRaw<{ n: bigint | number }[]>`SELECT count(*) AS n FROM "RankingChange" WHERE "campaignId" = ${campaignId}`;
  return BigInt(rows[0]?.n ?? 0);
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
