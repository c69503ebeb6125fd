import type { Prisma } from '../generated/prisma/client.ts';
import type { Db, Tx } from '../db/index.ts';
import { NotFoundError } from '../errors.ts';
import { computeStandings, type ScoreCell } from '../lib/ranking.ts';
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

type AggRow = { unitId: number; periodId: number; criterionId: number | null; points: number | null; scorerId: number | null };

/**
 * Ranking computed now from the verified scores (used for unpublished campaigns and to publish). Every unit is
 * counted over the same periods: the closed ones (all of them once the campaign is closed), see src/lib/ranking.ts.
 */
export async function liveStandings(prisma: Tx, campaign: CampaignSettings, opts: StandingsOptions = {}): Promise<Standings> {
  const upto = opts.uptoSeq ?? 2147483647;
  const [groups, criteria, periods, units, rows] = await Promise.all([
    prisma.criteriaGroup.findMany({ where: { campaignId: campaign.id }, orderBy: [{ order: 'asc' }, { id: 'asc' }], select: { id: true, code: true, title: true } }),
    prisma.criterion.findMany({
      where: { campaignId: campaign.id },
      orderBy: [{ order: 'asc' }, { id: 'asc' }],
      select: { id: true, code: true, groupId: true, kind: true, maxPoints: true, weight: true, order: true },
    }),
    prisma.period.findMany({ where: { campaignId: campaign.id }, orderBy: { seq: 'asc' }, select: { id: true, seq: true, name: true, status: true } }),
    prisma.campaignUnit.findMany({ where: { campaignId: campaign.id }, select: { unit: { select: { id: true, code: true, name: true } } } }),
    // one row per verified unit × period × criterion; a verified assessment without scores gives one row with no criterion
    prisma.$queryRaw<AggRow[]>`
      SELECT a."unitId" AS "unitId", a."periodId" AS "periodId", s."criterionId" AS "criterionId",
             SUM(s."points")::float8 AS "points", MIN(s."scoredById") AS "scorerId"
      FROM "Assessment" a
      JOIN "Period" p ON p."id" = a."periodId"
      LEFT JOIN "Score" s ON s."periodId" = a."periodId" AND s."unitId" = a."unitId" AND s."points" IS NOT NULL
      WHERE p."campaignId" = ${campaign.id} AND p."seq" <= ${upto} AND a."status" = 'VERIFIED'
      GROUP BY a."unitId", a."periodId", s."criterionId"`,
  ]);
  const groupCode = new Map(groups.map((g) => [g.id, g.code]));
  const cells: ScoreCell[] = rows.flatMap((r) =>
    r.criterionId === null || r.points === null ? [] : [{ unitId: Number(r.unitId), periodId: Number(r.periodId), criterionId: Number(r.criterionId), points: Number(r.points), scorerId: r.scorerId === null ? null : Number(r.scorerId) }],
  );
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
    units: units.map((u) => u.unit),
    cells,
    verified: rows.map((r) => ({ unitId: Number(r.unitId), periodId: Number(r.periodId) })),
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
