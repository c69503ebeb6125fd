import type { Db, Tx } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { ConflictError, NotFoundError, RuleError } from '../errors.ts';
import { getVisibleCampaign } from '../campaigns/service.ts';

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

/**
 * Load a period of a campaign the actor may see. A period id from another campaign is "not found",
 * so hand-edited URLs cannot reach across campaigns.
 */
export async function loadPeriodContext(prisma: Db, actor: Actor, campaignId: number, periodId: number): Promise<PeriodContext> {
  // read at once: nothing of the period or the criteria is shown unless the campaign is visible to the actor
  const [campaign, period, { groups, criteria }] = await Promise.all([
    getVisibleCampaign(prisma, actor, campaignId),
    prisma.period.findFirst({ where: { id: periodId, campaignId } }),
    loadCriteria(prisma, campaignId),
  ]);
  if (!period) throw new NotFoundError();
  return { campaign, period, groups, criteria };
}

/** Participating units, in code order; only the given one(s) when `only` is set (a unit account sees only its own). */
export async function participatingUnits(prisma: Tx, campaignId: number, only?: number | number[]): Promise<UnitInfo[]> {
  // one statement (an include of the unit was two)
  return prisma.unit.findMany({
    where: { campaigns: { some: { campaignId } }, ...(only === undefined ? {} : { id: Array.isArray(only) ? { in: only } : only }) },
    select: { id: true, code: true, name: true, shortName: true },
    orderBy: { code: 'asc' },
  });
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
