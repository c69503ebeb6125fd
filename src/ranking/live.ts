// What a live ranking is computed from, read from the database: the campaign's criteria, periods and units, the
// verified units per period, and the score sheets (one row per unit × period, kept by triggers on Score; see the
// migration ranking_sheets): 60,000 rows for 5,000 units × 12 periods instead of 1.8 million cells. A cached
// ranking catches up by reading only the sheets written since its snapshot (see ./cache.ts).
import { Prisma } from '../generated/prisma/client.ts';
import type { Tx } from '../db/index.ts';
import type { RankingInput, RankingUnit } from '../lib/ranking.ts';
import { gridShape, type EngineHolder } from '../lib/ranking-matrix.ts';
import { parseClassRules, parseTieBreaks } from './settings.ts';

export const CAMPAIGN_FIELDS = { id: true, status: true, totalMode: true, tieBreaks: true, classRules: true, normalize: true } as const;
export type CampaignSettings = Prisma.CampaignGetPayload<{ select: typeof CAMPAIGN_FIELDS }>;
const CAMPAIGN_OVER = new Set(['CLOSED', 'PUBLISHED']);

/**
 * The data a live ranking reads: the campaign's settings, criteria, periods and units (`input`), the verified units
 * per period, and every score sheet of the campaign (verified or not) already in typed arrays (`sums`, `scorer`,
 * in the order of `shape`): no object per sheet, so a catch-up rewrites only the changed rows.
 */
export type LiveData = {
  input: Omit<RankingInput, 'sheets' | 'verified' | 'cells' | 'grid'>;
  /** 1 where a unit is verified in a period (u × periods + a, in the order of `shape`), up to the input's uptoSeq */
  verified: Uint8Array;
  shape: ReturnType<typeof gridShape>;
  /** unit id → its row in the arrays (shape.unitIds' order) */
  uIndex: Map<number, number>;
  sums: Float64Array;
  scorer: Int32Array;
  /** the engine's unit parts of the last ranking computed from these arrays, and the units rewritten since */
  engine: EngineHolder;
};

/** "12,-3,450" → Int32Array. */
export function ints(text: string | null): Int32Array {
  if (!text) return new Int32Array(0);
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) n++;
  const out = new Int32Array(n);
  let j = 0, v = 0, neg = false;
  for (let i = 0; i <= text.length; i++) {
    const ch = i < text.length ? text.charCodeAt(i) : 44;
    if (ch === 44) {
      out[j++] = neg ? -v : v;
      v = 0;
      neg = false;
    } else if (ch === 45) neg = true;
    else v = v * 10 + (ch - 48);
  }
  return out;
}

type SheetRows = { periodId: number | null; text: string | null; kind: 'sheets' | 'verified' | 'unverified' }[];

/**
 * The sheets of a campaign, all of them or (with `since`, a pg_snapshot as text) only those written by
 * transactions that snapshot did not see, as one text per period: "unit|scorer|criteria|points;…", the criteria
 * "*" where they are every criterion of the campaign, as they nearly always are (that list itself is the row
 * without a period, same statement, same snapshot). 12 rows instead of 60,000: the driver and Prisma spent more
 * on the rows than on the numbers (bench profile), and the text is parsed straight into the arrays. The sheets keep
 * their criteria and points as text too (migration sheet_text), so the statement copies text rather than turning
 * 1.8 million points into it. The same statement returns the verified units of each period up to `uptoSeq`: all of
 * them, or with `since` only the units whose assessment was written since (Assessment."tx", migration
 * assessment_tx), verified or not (listing them all again was 31 ms of PostgreSQL and 60,000 ids on every catch-up
 * at national scale). A deleted assessment moves the counter's structure, so a catch-up never has to see one. One
 * round trip; it needs only the campaign's id, so a whole read sends it first and PostgreSQL builds the text while
 * the app prepares the lookups that follow it.
 */
function querySheets(prisma: Tx, campaignId: number, uptoSeq: number | undefined, since: string | null): Promise<SheetRows> {
  const assessed = since === null
    ? Prisma.sql`a."status" = 'VERIFIED'`
    : Prisma.sql`a."tx" >= pg_snapshot_xmin(${since}::pg_snapshot) AND NOT pg_visible_in_snapshot(a."tx", ${since}::pg_snapshot)`;
  return prisma.$queryRaw<SheetRows>`
    WITH c AS (SELECT coalesce(string_agg("id"::text, ',' ORDER BY "id"), '') AS "all" FROM "Criterion" WHERE "campaignId" = ${campaignId})
    SELECT NULL::int AS "periodId", c."all" AS "text", 'sheets' AS "kind" FROM c
    UNION ALL
    SELECT s."periodId", string_agg(s."unitId" || '|' || coalesce(s."scorerId"::text, '') || '|'
             || CASE WHEN s."criteriaText" = c."all" THEN '*' ELSE coalesce(s."criteriaText", '') END
             || '|' || coalesce(s."pointsText", ''), ';'), 'sheets'
    FROM "ScoreSheet" s, c
    WHERE s."campaignId" = ${campaignId}
      AND (${since}::text IS NULL OR (s."tx" >= pg_snapshot_xmin(${since}::pg_snapshot) AND NOT pg_visible_in_snapshot(s."tx", ${since}::pg_snapshot)))
    GROUP BY s."periodId"
    UNION ALL
    SELECT a."periodId", string_agg(a."unitId"::text, ','), CASE WHEN a."status" = 'VERIFIED' THEN 'verified' ELSE 'unverified' END
    FROM "Assessment" a JOIN "Period" p ON p."id" = a."periodId"
    WHERE p."campaignId" = ${campaignId} AND p."seq" <= ${uptoSeq ?? 2147483647} AND ${assessed}
    GROUP BY a."periodId", 3`;
}

/** The rows of querySheets into the arrays of `d` (a whole read with `since` null, else a catch-up); the verified mask. */
function applySheets(d: Pick<LiveData, 'shape' | 'uIndex' | 'sums' | 'scorer' | 'engine' | 'verified'>, rows: SheetRows, since: string | null): Uint8Array {
  const { periodIds, criterionIds } = d.shape;
  const cIndex = new Map(criterionIds.map((id, k) => [id, k]));
  const all = Int32Array.from(ints(rows.find((r) => r.periodId === null)?.text ?? null), (id) => cIndex.get(id) ?? -1);
  // caught up in place, like the sums (see catchUp); the engine compares the matrix it builds from it, not the mask
  const A = periodIds.length;
  const verified = since === null ? new Uint8Array(d.shape.unitIds.length * A) : d.verified;
  for (const r of rows) {
    const a = r.periodId === null ? -1 : periodIds.indexOf(r.periodId);
    if (a < 0 || !r.text) continue;
    if (r.kind === 'sheets') fillPeriod(d, d.uIndex, cIndex, all, a, r.text);
    else {
      for (const id of ints(r.text)) {
        const u = d.uIndex.get(id);
        if (u !== undefined) verified[u * A + a] = r.kind === 'verified' ? 1 : 0;
      }
    }
  }
  return verified;
}

/** One period's sheets (the text of querySheets) into the arrays; each sheet's row is cleared first. */
function fillPeriod(d: Pick<LiveData, 'shape' | 'sums' | 'scorer' | 'engine'>, uIndex: Map<number, number>, cIndex: Map<number, number>, all: Int32Array, a: number, text: string): void {
  const C = d.shape.criterionIds.length, A = d.shape.periodIds.length, L = text.length;
  let i = 0;
  const num = () => {
    let v = 0, neg = false;
    if (text.charCodeAt(i) === 45) (neg = true), i++;
    for (let ch = text.charCodeAt(i); ch >= 48 && ch <= 57; ch = text.charCodeAt(++i)) v = v * 10 + ch - 48;
    return neg ? -v : v;
  };
  while (i < L) {
    const u = uIndex.get(num());
    i++; // |
    const scorer = text.charCodeAt(i) === 124 ? -1 : num();
    i++; // |
    let ks = all;
    if (text.charCodeAt(i) === 42) i += 2; // *|
    else {
      const list: number[] = [];
      while (i < L && text.charCodeAt(i) !== 124) {
        list.push(cIndex.get(num()) ?? -1);
        if (text.charCodeAt(i) === 44) i++;
      }
      i++; // |
      ks = Int32Array.from(list);
    }
    const base = u === undefined ? -1 : (u * A + a) * C;
    if (u !== undefined) {
      d.sums.fill(0, base, base + C);
      d.scorer[u * A + a] = scorer;
      d.engine.dirty.add(u);
    }
    for (let j = 0; i < L && text.charCodeAt(i) !== 59; j++) {
      const v = num();
      if (base >= 0 && ks[j] >= 0) d.sums[base + ks[j]] += v;
      if (text.charCodeAt(i) === 44) i++;
    }
    i++; // ;
  }
}

/** Everything a live ranking reads, whole. */
export async function readLive(prisma: Tx, campaign: CampaignSettings, uptoSeq?: number): Promise<LiveData> {
  // the sheets first: PostgreSQL builds their text while the lookups are prepared (see querySheets)
  const [sheets, groups, criteria, periods, units] = await Promise.all([
    querySheets(prisma, campaign.id, uptoSeq, null),
    prisma.criteriaGroup.findMany({ where: { campaignId: campaign.id }, orderBy: [{ order: 'asc' }, { id: 'asc' }], select: { id: true, code: true, title: true } }),
    prisma.criterion.findMany({
      where: { campaignId: campaign.id },
      orderBy: [{ order: 'asc' }, { id: 'asc' }],
      select: { id: true, code: true, groupId: true, kind: true, maxPoints: true, weight: true, order: true },
    }),
    prisma.period.findMany({ where: { campaignId: campaign.id }, orderBy: { seq: 'asc' }, select: { id: true, seq: true, name: true, status: true } }),
    prisma.$queryRaw<RankingUnit[]>`
      SELECT u."id", u."code", u."name" FROM "CampaignUnit" cu JOIN "Unit" u ON u."id" = cu."unitId" WHERE cu."campaignId" = ${campaign.id}`,
  ]);
  const groupCode = new Map(groups.map((g) => [g.id, g.code]));
  const input: LiveData['input'] = {
    campaignId: campaign.id,
    totalMode: campaign.totalMode,
    tieBreaks: parseTieBreaks(campaign.tieBreaks),
    classRules: parseClassRules(campaign.classRules),
    normalize: campaign.normalize,
    groups: groups.map((g) => ({ code: g.code, title: g.title })),
    criteria: criteria.map((c) => ({
      id: c.id,
      code: c.code,
      groupCode: groupCode.get(c.groupId) ?? '',
      kind: c.kind,
      max: Number(c.maxPoints.toString()),
      weight: Number(c.weight.toString()),
      order: c.order,
    })),
    // once the campaign is closed no period can change any more, so every period counts as closed
    periods: periods.map((p) => ({ id: p.id, seq: p.seq, name: p.name, open: p.status === 'OPEN' && !CAMPAIGN_OVER.has(campaign.status) })),
    units,
    uptoSeq,
  };
  const shape = gridShape(input);
  const cells = shape.unitIds.length * shape.periodIds.length;
  const uIndex = new Map(shape.unitIds.map((id, u) => [id, u]));
  const data: LiveData = { input, verified: new Uint8Array(0), shape, uIndex, sums: new Float64Array(cells * shape.criterionIds.length), scorer: new Int32Array(cells).fill(-1), engine: { parts: null, dirty: new Set() } };
  data.verified = applySheets(data, sheets, null);
  return data;
}

/**
 * The same data brought up to date from a snapshot `since` at which `prev` was read, when nothing but scores and
 * assessments changed since (the caller checks RankingCounter.structure): only the sheets and assessments written
 * since, in one statement. The sheets are rewritten in place in `prev`'s arrays (a copy was 14 MB of garbage per
 * save at national scale): safe because nothing else reads them (standings keep no reference) and a sheet is always
 * rewritten whole, so if this computation fails the next catch-up from the same `since` reads the same sheets again
 * and overwrites them again. The verified mask likewise: the assessments written since are applied to it again.
 */
export async function catchUp(prisma: Tx, prev: LiveData, since: string): Promise<LiveData> {
  const verified = applySheets(prev, await querySheets(prisma, prev.input.campaignId, prev.input.uptoSeq, since), since);
  return { ...prev, verified };
}

/** The engine's input: a sheet counts only where its unit is verified in the period. */
export function toInput(d: LiveData): RankingInput {
  return { ...d.input, cells: [], grid: { ...d.shape, sums: d.sums, scorer: d.scorer, verified: d.verified, engine: d.engine } };
}
