import type { Db, Tx } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { ConflictError, NotFoundError, RuleError } from '../errors.ts';
import { assertCampaignVisible, type getVisibleCampaign } from '../campaigns/service.ts';

/** A criterion as the scoring pages need it: bounds as plain numbers. */
export type CriterionInfo = {
  id: number;
  code: string;
  title: string;
  kind: 'NORMAL' | 'BONUS' | 'PENALTY';
  max: number;
  groupId: number;
};
export type GroupInfo = { id: number; code: string; title: string; criteria: CriterionInfo[] };
export type UnitInfo = { id: number; code: string; name: string; shortName: string | null };

export type PeriodContext = {
  campaign: Awaited<ReturnType<typeof getVisibleCampaign>>;
  period: { id: number; seq: number; name: string; status: 'OPEN' | 'CLOSED'; startDate: Date; endDate: Date; closedAt: Date | null; closedById: number | null };
  groups: GroupInfo[];
  criteria: CriterionInfo[];
};

/** The campaign's criteria, grouped and in order, with bounds as numbers. */
export async function loadCriteria(prisma: Tx, campaignId: number): Promise<{ groups: GroupInfo[]; criteria: CriterionInfo[] }> {
  const rows = await prisma.criteriaGroup.findMany({
    where: { campaignId },
    orderBy: [{ order: 'asc' }, { id: 'asc' }],
    include: { criteria: { orderBy: [{ order: 'asc' }, { id: 'asc' }] } },
  });
  const groups = rows.map((g) => ({
    id: g.id,
    code: g.code,
    title: g.title,
    criteria: g.criteria.map((c) => ({ id: c.id, code: c.code, title: c.title, kind: c.kind, max: Number(c.maxPoints.toString()), groupId: g.id })),
  }));
  return { groups, criteria: groups.flatMap((g) => g.criteria) };
}

type Kept = { structure: bigint; campaign: PeriodContext['campaign']; groups: GroupInfo[]; criteria: CriterionInfo[]; periods: Map<number, PeriodContext['period']> };
/** per database client (tests open several databases, where campaign ids repeat): campaign id → what was read */
const kept = new WeakMap<Db, Map<number, Kept>>();
const KEPT_CAMPAIGNS = 64;

/**
 * The campaign row, its criteria and its periods, kept while the campaign's RankingCounter `structure` part stands
 * still: the triggers of the migrations ranking_changes and ranking_sheets raise it in the same commit as each write
 * to the campaign, its periods, criteria, groups, participants or their units (scores and assessments do not), so a
 * kept entry is never older than the counter just read. A save or a grid view then reads one counter row instead of
 * the campaign, the period and the criteria (three statements, and the criteria through two).
 */
async function keptCampaign(prisma: Db, campaignId: number, periodId: number): Promise<Kept & { period: PeriodContext['period'] | null }> {
  let byCampaign = kept.get(prisma);
  if (!byCampaign) kept.set(prisma, (byCampaign = new Map()));
  const counter = await prisma.$queryRaw<{ structure: bigint }[]>`SELECT "structure" FROM "RankingCounter" WHERE "campaignId" = ${campaignId}`;
  const structure = counter[0]?.structure ?? null;
  let k = structure === null ? undefined : byCampaign.get(campaignId);
  if (!k || k.structure !== structure) {
    // read after the counter: what is kept under `structure` is at least as new as it
    const [campaign, { groups, criteria }] = await Promise.all([prisma.campaign.findUnique({ where: { id: campaignId } }), loadCriteria(prisma, campaignId)]);
    if (!campaign) throw new NotFoundError();
    k = { structure: structure ?? -1n, campaign, groups, criteria, periods: new Map() };
    for (const g of groups) Object.freeze(g.criteria);
    Object.freeze(criteria);
    if (structure !== null) {
      byCampaign.delete(campaignId);
      if (byCampaign.size >= KEPT_CAMPAIGNS) byCampaign.delete(byCampaign.keys().next().value!);
      byCampaign.set(campaignId, k);
    }
  }
  let period = k.periods.get(periodId) ?? null;
  if (!period) {
    period = await prisma.period.findFirst({ where: { id: periodId, campaignId } });
    if (period && structure !== null) k.periods.set(periodId, period);
  }
  return { ...k, period };
}

/**
 * Load a period of a campaign the actor may see. A period id from another campaign is "not found",
 * so hand-edited URLs cannot reach across campaigns. The campaign, its criteria and the period are kept between
 * changes (keptCampaign); who may see the campaign is checked on every call.
 */
export async function loadPeriodContext(prisma: Db, actor: Actor, campaignId: number, periodId: number): Promise<PeriodContext> {
  const k = await keptCampaign(prisma, campaignId, periodId);
  // nothing of the period or the criteria is shown unless the campaign is visible to the actor
  await assertCampaignVisible(prisma, actor, k.campaign);
  if (!k.period) throw new NotFoundError();
  return { campaign: { ...k.campaign }, period: { ...k.period }, groups: k.groups, criteria: k.criteria };
}

/** Participating units, in code order; only the given one(s) when `only` is set (a unit account sees only its own). */
export async function participatingUnits(prisma: Tx, campaignId: number, only?: number | number[]): Promise<UnitInfo[]> {
  // one raw statement (an include of the unit was two; Prisma's findMany cost more than the statement on every save)
  const ids = only === undefined ? null : Array.isArray(only) ? only : [only];
  return prisma.$queryRaw<UnitInfo[]>`
    SELECT u."id", u."code", u."name", u."shortName" FROM "Unit" u
    WHERE EXISTS (SELECT 1 FROM "CampaignUnit" cu WHERE cu."unitId" = u."id" AND cu."campaignId" = ${campaignId})
      AND (${ids}::int[] IS NULL OR u."id" = ANY(${ids}::int[]))
    ORDER BY u."code"`;
}

/** A participating unit of the campaign, or 404. */
export async function participatingUnit(prisma: Tx, campaignId: number, unitId: number): Promise<UnitInfo> {
  const [unit] = await participatingUnits(prisma, campaignId, unitId);
  if (!unit) throw new NotFoundError();
  return unit;
}

/** Why scores of this period cannot be changed right now, as a translation key; null when they can. */
export function lockReason(ctx: Pick<PeriodContext, 'campaign' | 'period'>): string | null {
  if (ctx.period.status === 'CLOSED') return 'scoring.periodClosed';
  if (ctx.campaign.status !== 'ACTIVE') return 'scoring.campaignNotActive';
  return null;
}

/** Refuse a write to a closed period (409) or to a campaign that is not running (422). */
export function assertWritable(ctx: Pick<PeriodContext, 'campaign' | 'period'>): void {
  const why = lockReason(ctx);
  if (why === 'scoring.periodClosed') throw new ConflictError(why);
  if (why) throw new RuleError(why);
}

/** Decimal or null → number or null. */
export function num(v: { toString(): string } | null | undefined): number | null {
  return v === null || v === undefined ? null : Number(v.toString());
}
