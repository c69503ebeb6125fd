// The scoring completeness kept per app instance (issue 12), as the ranking is (src/ranking/cache.ts): each
// period's bucket of each participating unit, in code order, kept under the campaign's RankingCounter. Counting it
// whole is one aggregate over period × unit (60,000 pairs at national scale, 75–85 ms of PostgreSQL), and every
// save moves the counter, so while officers save every dashboard view counted it again. Now a moved counter whose
// `structure` part stands still (only scores and assessments were written) counts again only the pairs written
// since the kept snapshot: their score sheets' and assessments' transactions say which (migration assessment_tx).
// What a page shows (counts, the first units of each open bucket) is tallied from the buckets in memory.
import type { Db, Tx } from '../db/index.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { keptBySignal, type Prior } from '../ranking/cache.ts';
import { BUCKETS, bucketSql, completenessSummary, type Bucket, type CompletenessRow, type UnitFilter } from './completeness.ts';
import type { UnitRef } from './data.ts';

type PeriodRef = { id: number; seq: number; name: string; status: 'OPEN' | 'CLOSED' };

/** Each period's bucket (an index into BUCKETS) of each unit, the units in code order. */
type Buckets = {
  unitIds: Int32Array;
  index: Map<number, number>;
  periodIds: number[];
  byPeriod: Uint8Array[];
  /** the units the lists have named so far: kept with the buckets, since a rename moves the structure */
  names: Map<number, UnitRef>;
};
type Tally = { counts: number[]; first: number[][] };
type Kept = { b: Buckets; tallies: Map<number, Tally[]> };

const VERIFIED = BUCKETS.indexOf('verified');

const bucketOf = (period: string, unit: string) => Prisma.raw(bucketSql(period, unit));

/** Every bucket: one row of unit ids in code order, then one text of bucket digits a period, in the same order. */
async function readAll(tx: Tx, campaignId: number, periodIds: number[], filter: UnitFilter): Promise<Buckets> {
  const scope = filter.parent ? Prisma.sql` AND u."parentId" = ${filter.parent}` : Prisma.empty;
  const rows = await tx.$queryRaw<{ periodId: number | null; text: string | null }[]>`
    WITH cu AS (SELECT u.id, u.code FROM "CampaignUnit" c JOIN "Unit" u ON u.id = c."unitId" WHERE c."campaignId" = ${campaignId}${scope})
    SELECT NULL::int AS "periodId", string_agg(cu.id::text, ',' ORDER BY cu.code, cu.id) AS text FROM cu
    UNION ALL
    SELECT p.id, string_agg((${bucketOf('p.id', 'cu.id')})::text, '' ORDER BY cu.code, cu.id)
    FROM "Period" p CROSS JOIN cu LEFT JOIN "Assessment" a ON a."periodId" = p.id AND a."unitId" = cu.id
    WHERE p."campaignId" = ${campaignId} AND p.id = ANY(${periodIds}::int[])
    GROUP BY p.id`;
  const ids = rows.find((r) => r.periodId === null)?.text;
  const unitIds = Int32Array.from(ids ? ids.split(',') : [], Number);
  const byPeriod = periodIds.map((id) => {
    const text = rows.find((r) => r.periodId === id)?.text ?? '';
    const out = new Uint8Array(unitIds.length);
    for (let i = 0; i < text.length && i < out.length; i++) out[i] = text.charCodeAt(i) - 48;
    return out;
  });
  return { unitIds, index: new Map(Array.from(unitIds, (id, i) => [id, i])), periodIds, byPeriod, names: new Map() };
}

/** The buckets of `prior` brought up to date: only the pairs whose sheet or assessment was written since its snapshot. */
async function catchUp(tx: Tx, prior: Prior<Buckets>, campaignId: number): Promise<Buckets> {
  const b = prior.data, since = prior.snapshot;
  const rows = await tx.$queryRaw<{ periodId: number; unitId: number; b: number }[]>`
    WITH k AS (
      SELECT "periodId", "unitId" FROM "ScoreSheet"
      WHERE "campaignId" = ${campaignId} AND "tx" >= pg_snapshot_xmin(${since}::pg_snapshot) AND NOT pg_visible_in_snapshot("tx", ${since}::pg_snapshot)
      UNION
      SELECT "periodId", "unitId" FROM "Assessment"
      WHERE "tx" >= pg_snapshot_xmin(${since}::pg_snapshot) AND NOT pg_visible_in_snapshot("tx", ${since}::pg_snapshot)
    )
    SELECT k."periodId", k."unitId", (${bucketOf('k."periodId"', 'k."unitId"')})::int AS b
    FROM k LEFT JOIN "Assessment" a ON a."periodId" = k."periodId" AND a."unitId" = k."unitId"
    WHERE k."periodId" = ANY(${b.periodIds}::int[])`;
  // the kept arrays may be in use by a page: a period with changes gets a copy
  const byPeriod = b.byPeriod.slice();
  for (const r of rows) {
    const u = b.index.get(r.unitId), a = b.periodIds.indexOf(r.periodId);
    if (u === undefined || a < 0) continue;
    if (byPeriod[a] === b.byPeriod[a]) byPeriod[a] = b.byPeriod[a].slice();
    byPeriod[a][u] = r.b;
  }
  return { ...b, byPeriod };
}

function tally(b: Buckets, listed: number): Tally[] {
  return b.byPeriod.map((arr) => {
    const counts = BUCKETS.map(() => 0), first: number[][] = BUCKETS.map(() => []);
    for (let i = 0; i < arr.length; i++) {
      const k = arr[i];
      counts[k]++;
      if (k !== VERIFIED && first[k].length < listed) first[k].push(b.unitIds[i]);
    }
    return { counts, first };
  });
}

/**
 * The scoring completeness of the campaign's periods (or of one parent unit's units), kept while the campaign's
 * RankingCounter stands still and brought up to date from what was written since when only scores and
 * assessments moved it. A cluster's (its members have no such trigger) is counted every time.
 */
export async function cachedCompleteness(prisma: Db, campaignId: number, periods: PeriodRef[], filter: UnitFilter = {}, listed = 20): Promise<CompletenessRow[]> {
  if (filter.cluster) return completenessSummary(prisma, campaignId, periods, filter, listed);
  const periodIds = periods.map((p) => p.id);
  const key = `${campaignId}|${filter.parent ?? ''}|${periods.map((p) => `${p.id}:${p.status}`).join(',')}`;
  const kept = await keptBySignal<Kept, Buckets>(prisma, 'completeness', campaignId, key, async (tx, prior) => {
    const b = prior ? await catchUp(tx, prior, campaignId) : await readAll(tx, campaignId, periodIds, filter);
    return { value: { b, tallies: new Map() }, data: b };
  });
  let tallies = kept.tallies.get(listed);
  if (!tallies) kept.tallies.set(listed, (tallies = tally(kept.b, listed)));
  const { names } = kept.b;
  const missing = [...new Set(tallies.flatMap((t) => t.first.flat()))].filter((id) => !names.has(id));
  if (missing.length) {
    const units = await prisma.unit.findMany({ where: { id: { in: missing } }, select: { id: true, code: true, name: true, shortName: true } });
    for (const u of units) names.set(u.id, u);
  }
  return periods.map((p, a) => {
    const t = tallies[a];
    const counts = Object.fromEntries(BUCKETS.map((k, i) => [k, t.counts[i]])) as Record<Bucket, number>;
    const first = Object.fromEntries(BUCKETS.map((k, i) => [k, t.first[i].map((id) => names.get(id)).filter((u): u is UnitRef => Boolean(u))])) as Record<Bucket, UnitRef[]>;
    return { periodId: p.id, seq: p.seq, name: p.name, status: p.status, total: t.counts.reduce((x, y) => x + y, 0), counts, first };
  });
}
