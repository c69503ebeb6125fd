// What a live ranking is computed from, read from the database: the campaign's criteria, periods and units, the
// verified units per period, and the score sheets (one row per unit × period, kept by triggers on Score; see the
// migration ranking_sheets): 60,000 rows for 5,000 units × 12 periods instead of 1.8 million cells. A cached
// ranking catches up by reading only the sheets written since its snapshot (see ./cache.ts).
import type { Prisma } from '../generated/prisma/client.ts';
import type { Tx } from '../db/index.ts';
import type { RankingInput, RankingUnit, ScoreSheet } from '../lib/ranking.ts';
import { parseClassRules, parseTieBreaks } from './settings.ts';

export const CAMPAIGN_FIELDS = { id: true, status: true, totalMode: true, tieBreaks: true, classRules: true, normalize: true } as const;
export type CampaignSettings = Prisma.CampaignGetPayload<{ select: typeof CAMPAIGN_FIELDS }>;
const CAMPAIGN_OVER = new Set(['CLOSED', 'PUBLISHED']);

/** The data a live ranking reads; `sheets` holds every sheet of the campaign (verified or not), by "period:unit". */
export type LiveData = { input: Omit<RankingInput, 'sheets' | 'verified' | 'cells'>; verified: Map<number, Set<number>>; sheets: Map<string, ScoreSheet> };

type SheetRow = { unitId: number | null; periodId: number | null; criterionIds: string | null; points: string | null; scorerId: number | null };

/** "12,-3,450" → Int32Array; the arrays come as text because the driver decodes 60,000 int[] values slowly (bench: 3.5 s against 0.7 s). */
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

/**
 * Score sheets of a campaign, all of them or (with `since`, a pg_snapshot as text) only those written by
 * transactions that snapshot did not see. criterionIds is left out (null) where it is every criterion of the
 * campaign, as it nearly always is; that list itself is the row without a unit (same statement, same snapshot).
 */
async function readSheets(prisma: Tx, campaignId: number, since: string | null): Promise<ScoreSheet[]> {
  const rows = await prisma.$queryRaw<SheetRow[]>`
    WITH c AS (SELECT coalesce(array_agg("id" ORDER BY "id"), '{}') AS "all" FROM "Criterion" WHERE "campaignId" = ${campaignId})
    SELECT NULL::int AS "unitId", NULL::int AS "periodId", NULL::int AS "scorerId", NULL AS "points", array_to_string(c."all", ',') AS "criterionIds" FROM c
    UNION ALL
    SELECT s."unitId", s."periodId", s."scorerId", array_to_string(s."points", ','),
           CASE WHEN s."criterionIds" = c."all" THEN NULL ELSE array_to_string(s."criterionIds", ',') END
    FROM "ScoreSheet" s, c
    WHERE s."campaignId" = ${campaignId}
      AND (${since}::text IS NULL OR (s."tx" >= pg_snapshot_xmin(${since}::pg_snapshot) AND NOT pg_visible_in_snapshot(s."tx", ${since}::pg_snapshot)))`;
  const all = ints(rows.find((r) => r.unitId === null)?.criterionIds ?? null);
  return rows.flatMap((r) =>
    r.unitId === null || r.periodId === null ? [] : [{ unitId: r.unitId, periodId: r.periodId, criterionIds: r.criterionIds === null ? all : ints(r.criterionIds), points: ints(r.points), scorerId: r.scorerId }],
  );
}

/** The verified units of each period up to `upto` (one row per period). */
async function readVerified(prisma: Tx, campaignId: number, upto: number): Promise<Map<number, Set<number>>> {
  const rows = await prisma.$queryRaw<{ periodId: number; units: string }[]>`
    SELECT a."periodId" AS "periodId", string_agg(a."unitId"::text, ',') AS "units"
    FROM "Assessment" a JOIN "Period" p ON p."id" = a."periodId"
    WHERE p."campaignId" = ${campaignId} AND p."seq" <= ${upto} AND a."status" = 'VERIFIED'
    GROUP BY a."periodId"`;
  return new Map(rows.map((r) => [r.periodId, new Set(ints(r.units))]));
}

const key = (s: { periodId: number; unitId: number }) => `${s.periodId}:${s.unitId}`;

/** Everything a live ranking reads, whole. */
export async function readLive(prisma: Tx, campaign: CampaignSettings, uptoSeq?: number): Promise<LiveData> {
  const [groups, criteria, periods, units, verified, sheets] = await Promise.all([
    prisma.criteriaGroup.findMany({ where: { campaignId: campaign.id }, orderBy: [{ order: 'asc' }, { id: 'asc' }], select: { id: true, code: true, title: true } }),
    prisma.criterion.findMany({
      where: { campaignId: campaign.id },
      orderBy: [{ order: 'asc' }, { id: 'asc' }],
      select: { id: true, code: true, groupId: true, kind: true, maxPoints: true, weight: true, order: true },
    }),
    prisma.period.findMany({ where: { campaignId: campaign.id }, orderBy: { seq: 'asc' }, select: { id: true, seq: true, name: true, status: true } }),
    prisma.$queryRaw<RankingUnit[]>`
      SELECT u."id", u."code", u."name" FROM "CampaignUnit" cu JOIN "Unit" u ON u."id" = cu."unitId" WHERE cu."campaignId" = ${campaign.id}`,
    readVerified(prisma, campaign.id, uptoSeq ?? 2147483647),
    readSheets(prisma, campaign.id, null),
  ]);
  const groupCode = new Map(groups.map((g) => [g.id, g.code]));
  return {
    input: {
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
    },
    verified,
    sheets: new Map(sheets.map((s) => [key(s), s])),
  };
}

/**
 * The same data brought up to date from a snapshot `since` at which `prev` was read, when nothing but scores and
 * assessments changed since (the caller checks RankingCounter.structure): the verified units are read again
 * (a few rows) and only the sheets written since.
 */
export async function catchUp(prisma: Tx, prev: LiveData, since: string): Promise<LiveData> {
  const [verified, changed] = await Promise.all([
    readVerified(prisma, prev.input.campaignId, prev.input.uptoSeq ?? 2147483647),
    readSheets(prisma, prev.input.campaignId, since),
  ]);
  const sheets = new Map(prev.sheets);
  for (const s of changed) sheets.set(key(s), s);
  return { input: prev.input, verified, sheets };
}

/** The engine's input: a sheet counts as verified, so only those of verified assessments go in. */
export function toInput(d: LiveData): RankingInput {
  const sheets: ScoreSheet[] = [];
  for (const s of d.sheets.values()) if (d.verified.get(s.periodId)?.has(s.unitId)) sheets.push(s);
  const verified = [...d.verified].flatMap(([periodId, units]) => [...units].map((unitId) => ({ unitId, periodId })));
  return { ...d.input, cells: [], sheets, verified };
}
