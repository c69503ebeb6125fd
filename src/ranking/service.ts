import type { Prisma } from '../generated/prisma/client.ts';
import type { Db, Tx } from '../db/index.ts';
import { NotFoundError } from '../errors.ts';
import { computeStandings, type RankingUnit } from '../lib/ranking.ts';
import { parseClassRules, parseTieBreaks } from './settings.ts';
import { fromResultRows } from './snapshot.ts';
import { cachedStandings } from './cache.ts';
import type { Standings } from './types.ts';

export type StandingsOptions = { uptoSeq?: number };

const CAMPAIGN_FIELDS = { id: true, status: true, totalMode: true, tieBreaks: true, classRules: true, normalize: true } as const;
const CAMPAIGN_OVER = new Set(['CLOSED', 'PUBLISHED']);
type CampaignSettings = Prisma.CampaignGetPayload<{ select: typeof CAMPAIGN_FIELDS }>;

/**
 * The standings of a campaign. Live ones come from the verified scores through one SQL aggregation plus four
 * small lookups, whatever the number of units. Once the campaign is published the frozen CampaignResult
 * snapshot is returned instead (uptoSeq is then ignored), so published results never change.
 */
export async function campaignStandings(prisma: Tx, campaignId: number, opts: StandingsOptions = {}): Promise<Standings> {
  const campaign = await prisma.campaign.findUnique({ where: { id: campaignId }, select: CAMPAIGN_FIELDS });
  if (!campaign) throw new NotFoundError();
  if (campaign.status === 'PUBLISHED') return frozenStandings(prisma, campaign);
  return liveStandings(prisma, campaign, opts);
}

/**
 * campaignStandings through this app instance's cache, which any write to the campaign's ranking data
 * invalidates (./cache.ts). For pages: never inside a transaction (a transaction may see its own uncommitted writes).
 */
export function cachedCampaignStandings(prisma: Db, campaignId: number, opts: StandingsOptions = {}): Promise<Standings> {
  return cachedStandings(prisma, campaignId, String(opts.uptoSeq ?? ''), (tx) => campaignStandings(tx, campaignId, opts));
}

type SheetRow = { unitId: number | null; periodId: number | null; criterionIds: string | null; points: string | null; scorerId: number | null };

/** "12,-3,450" → Int32Array; the arrays come as text because a driver decodes 60,000 int[] values slowly (bench: 4 s against 0.3 s). */
function ints(text: string | null): Int32Array {
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
 * Ranking computed now from the verified scores (used for unpublished campaigns and to publish). Every unit is
 * counted over the same periods: the closed ones (all of them once the campaign is closed), see src/lib/ranking.ts.
 * The scores are read as score sheets (one row per verified unit × period, kept by triggers on Score; see the
 * migration ranking_sheets): 60,000 rows for 5,000 units × 12 periods instead of 1.8 million cells.
 */
export async function liveStandings(prisma: Tx, campaign: CampaignSettings, opts: StandingsOptions = {}): Promise<Standings> {
  const upto = opts.uptoSeq ?? 2147483647;
  const [groups, criteria, periods, units, verifiedRows, sheetRows] = await Promise.all([
    prisma.criteriaGroup.findMany({ where: { campaignId: campaign.id }, orderBy: [{ order: 'asc' }, { id: 'asc' }], select: { id: true, code: true, title: true } }),
    prisma.criterion.findMany({
      where: { campaignId: campaign.id },
      orderBy: [{ order: 'asc' }, { id: 'asc' }],
      select: { id: true, code: true, groupId: true, kind: true, maxPoints: true, weight: true, order: true },
    }),
    prisma.period.findMany({ where: { campaignId: campaign.id }, orderBy: { seq: 'asc' }, select: { id: true, seq: true, name: true, status: true } }),
    prisma.$queryRaw<RankingUnit[]>`
      SELECT u."id", u."code", u."name" FROM "CampaignUnit" cu JOIN "Unit" u ON u."id" = cu."unitId" WHERE cu."campaignId" = ${campaign.id}`,
    // the verified units per period (12 rows), and the campaign's score sheets (one per scored unit × period)
    prisma.$queryRaw<{ periodId: number; units: string }[]>`
      SELECT a."periodId" AS "periodId", string_agg(a."unitId"::text, ',') AS "units"
      FROM "Assessment" a JOIN "Period" p ON p."id" = a."periodId"
      WHERE p."campaignId" = ${campaign.id} AND p."seq" <= ${upto} AND a."status" = 'VERIFIED'
      GROUP BY a."periodId"`,
    // criterionIds is left out (null) where it is every criterion of the campaign, as it nearly always is; that list
    // itself is the row without a unit (same statement, so the same snapshot)
    prisma.$queryRaw<SheetRow[]>`
      WITH c AS (SELECT coalesce(array_agg("id" ORDER BY "id"), '{}') AS "all" FROM "Criterion" WHERE "campaignId" = ${campaign.id})
      SELECT NULL::int AS "unitId", NULL::int AS "periodId", NULL::int AS "scorerId", NULL AS "points", array_to_string(c."all", ',') AS "criterionIds" FROM c
      UNION ALL
      SELECT s."unitId", s."periodId", s."scorerId", array_to_string(s."points", ','),
             CASE WHEN s."criterionIds" = c."all" THEN NULL ELSE array_to_string(s."criterionIds", ',') END
      FROM "ScoreSheet" s, c WHERE s."campaignId" = ${campaign.id}`,
  ]);
  const groupCode = new Map(groups.map((g) => [g.id, g.code]));
  const allIds = ints(sheetRows.find((r) => r.unitId === null)?.criterionIds ?? null);
  const verified = new Map(verifiedRows.map((r) => [r.periodId, new Set(ints(r.units))]));
  return computeStandings({
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
    cells: [],
    verified: verifiedRows.flatMap((r) => [...ints(r.units)].map((unitId) => ({ unitId, periodId: r.periodId }))),
    // a sheet counts as verified, so only those of verified assessments go in
    sheets: sheetRows.flatMap((r) => (r.unitId !== null && r.periodId !== null && verified.get(r.periodId)?.has(r.unitId) ? [{ unitId: r.unitId, periodId: r.periodId, criterionIds: r.criterionIds === null ? allIds : ints(r.criterionIds), points: ints(r.points), scorerId: r.scorerId }] : [])),
    uptoSeq: opts.uptoSeq,
  });
}

async function frozenStandings(prisma: Tx, campaign: CampaignSettings): Promise<Standings> {
  const [rows, change] = await Promise.all([
    prisma.campaignResult.findMany({ where: { campaignId: campaign.id }, include: { unit: { select: { code: true, name: true } } } }),
    prisma.campaignStatusChange.findFirst({ where: { campaignId: campaign.id, toStatus: 'PUBLISHED' }, orderBy: { at: 'desc' } }),
  ]);
  const by = change?.byId ? await prisma.user.findUnique({ where: { id: change.byId }, select: { fullName: true } }) : null;
  const standings = fromResultRows(campaign.id, rows, {
    tieBreaks: parseTieBreaks(campaign.tieBreaks),
    classRules: parseClassRules(campaign.classRules),
    normalized: campaign.normalize,
    totalMode: campaign.totalMode,
    periods: [],
    groups: [],
  });
  return { ...standings, published: change ? { at: change.at, byId: change.byId, byName: by?.fullName ?? null } : null };
}
