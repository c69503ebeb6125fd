import type { Db } from '../db/index.ts';
import { authorize, can, type Actor } from '../auth/policy.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { getVisibleCampaign } from '../campaigns/service.ts';
import { cachedCampaignStandings } from '../ranking/service.ts';
import { pledgeProgressSummary } from '../pledges/progress.ts';
import type { Standings, UnitStanding } from '../ranking/types.ts';
import { latestInspections } from '../scoring/inspections-service.ts';
import { blockUnitIds, campaignCriteria, campaignPeriods, unitPeriodScores, unitRefs, unitRegistrations } from './data.ts';
import { keptDashboardParts } from './kept.ts';
import { cachedCompleteness } from './completeness-kept.ts';
import { pledgeSummary } from './summaries.ts';
import { periodMeans } from '../lib/ranking-standing.ts';
import { paged, pageFrom } from '../lib/paging.ts';
import { chooseGroupBy, DASH_GROUPS, DASH_LIST, ends, groupSummaries, resolveScope, unitWindow, type GroupBy } from './scope.ts';

type Campaign = Awaited<ReturnType<typeof getVisibleCampaign>>;

/**
 * Whether the actor may see every unit's standing: staff always, a unit account only once the results
 * are published (before that it sees its own standing and nothing about the others).
 */
export function seesFullRanking(actor: Actor, campaign: Pick<Campaign, 'status'>): boolean {
  return can(actor, 'dashboard.command') || campaign.status === 'PUBLISHED';
}

export type CommandOptions = { unitId?: number; cluster?: number; parent?: number; by?: GroupBy; gpage?: number };

/**
 * Everything the provincial command dashboard shows, from a fixed number of queries whatever the number
 * of units, each returning what the page shows (counts, and the few units it names) rather than a row per unit:
 * the standings (the ranking engine's, in memory), periods, scoring completeness and pledge counts (aggregated in
 * SQL), inspections, clusters and parent units. With `cluster` or `parent` it looks at that block of units only (the
 * drill-down); at the top it summarises the units by parent unit or by cluster, one page of groups at a time.
 */
export async function commandDashboard(prisma: Db, actor: Actor, campaignId: number, opts: CommandOptions = {}) {
  authorize(actor, 'dashboard.command');
  const campaign = await getVisibleCampaign(prisma, actor, campaignId);
  const [standings, kept] = await Promise.all([cachedCampaignStandings(prisma, campaignId), keptDashboardParts(prisma, campaignId)]);
  const { periods, progress: progressAll, inspections, options } = kept;
  const scope = resolveScope(opts, options);
  const block = scope.kind === 'cluster' ? { cluster: scope.id } : scope.kind === 'parent' ? { parent: scope.id } : {};
  const groupBy = scope.kind === 'all' ? chooseGroupBy(opts.by, options) : null;
  const [inBlock, membership, completeness] = await Promise.all([
    scope.kind === 'all' ? null : blockUnitIds(prisma, campaignId, block),
    groupBy ? kept.membership(groupBy) : null,
    cachedCompleteness(prisma, campaignId, periods, block, DASH_LIST),
  ]);
  const participants = scope.kind === 'all' ? kept.participants : null;
  const scoped = inBlock ? standings.standings.filter((s) => inBlock.has(s.unitId)) : standings.standings;
  const ranked = standings.periods.length > 0 || Boolean(standings.frozen);
  const allGroups = groupBy && membership ? groupSummaries(groupBy, scoped, membership, options, ranked) : [];
  const gp = pageFrom({ page: String(opts.gpage ?? 1) }, DASH_GROUPS);
  const groups = paged(allGroups.slice(gp.skip, gp.skip + gp.size), allGroups.length, gp);
  const selected = scoped.find((s) => s.unitId === opts.unitId) ?? scoped[0] ?? null;
  const progress = inBlock ? progressAll.filter((p) => inBlock.has(p.unitId)) : progressAll;
  // the units the page names: the ends of the ranking it draws, the picked unit, each group's best, the pledge table's first
  const shown = ends(scoped);
  const [units, pledgedListed] = await Promise.all([
    unitRefs(prisma, [...shown.top, ...shown.bottom, ...(selected ? [selected] : [])].map((s) => s.unitId).concat(groups.items.flatMap((g) => (g.best ? [g.best.unitId] : [])))),
    progress.length ? prisma.unit.findMany({ where: { id: { in: progress.map((p) => p.unitId) } }, select: { id: true, code: true, name: true, shortName: true }, orderBy: { code: 'asc' }, take: DASH_LIST }) : [],
  ]);
  return {
    campaign,
    standings,
    scoped,
    units,
    periods,
    selected,
    completeness,
    pledges: pledgeSummary(participants ?? inBlock?.size ?? 0, progress, pledgedListed),
    inspections,
    scope,
    options,
    groupBy,
    groups,
  };
}
export type CommandDashboard = Awaited<ReturnType<typeof commandDashboard>>;

/** The unit a unit account belongs to (for /my-unit); staff have none there. */
export function ownUnitId(actor: Actor): number {
  if (actor.role !== 'UNIT' || actor.unitId === null) throw new ForbiddenError();
  return actor.unitId;
}

/**
 * One unit's dashboard. A unit account may open only its own unit (403 otherwise, whatever the URL);
 * before publication it gets its own standing only — `standings.standings` then holds just that unit.
 */
export async function unitDashboard(prisma: Db, actor: Actor, campaignId: number, unitId: number, opts: { periodId?: number } = {}) {
  const campaign = await getVisibleCampaign(prisma, actor, campaignId);
  authorize(actor, 'unit.view', { unitId });
  const member = await prisma.campaignUnit.findUnique({ where: { campaignId_unitId: { campaignId, unitId } }, select: { unit: { select: { id: true, code: true, name: true, shortName: true, parentId: true } } } });
  if (!member) throw new NotFoundError();
  const unit = member.unit;
  const [all, periods, criteria, progress, registrations, inspections] = await Promise.all([
    cachedCampaignStandings(prisma, campaignId),
    campaignPeriods(prisma, campaignId),
    campaignCriteria(prisma, campaignId),
    pledgeProgressSummary(prisma, campaignId, [unitId]),
    unitRegistrations(prisma, campaignId, unitId),
    latestInspections(prisma, campaignId, 20, { unitId }),
  ]);
  const full = seesFullRanking(actor, campaign);
  const standings: Standings = full ? all : { ...all, standings: all.standings.filter((s) => s.unitId === unitId) };
  const own: UnitStanding | null = all.standings.find((s) => s.unitId === unitId) ?? null;
  // the period whose scores are shown: the one asked for, else the latest with any score for this unit, else the first
  const period = periods.find((p) => p.id === opts.periodId) ?? [...periods].reverse().find((p) => own?.periodTotals.some((t) => t.periodId === p.id && t.total !== null)) ?? periods[0] ?? null;
  // the ranking it lists is the units around this one: only their names are read
  const [scores, units] = await Promise.all([
    period ? unitPeriodScores(prisma, campaignId, unitId, period.id) : { scores: [], assessment: null },
    full ? unitRefs(prisma, unitWindow(all.standings, unitId).map((s) => s.unitId)) : [unit],
  ]);
  return {
    campaign,
    unit,
    units,
    full,
    standings,
    own,
    rankedCount: all.standings.length,
    average: full ? averagePeriodTotals(all) : null,
    periods,
    period,
    criteria,
    scores,
    progress: progress[0] ?? null,
    registrations,
    inspections,
  };
}
export type UnitDashboard = Awaited<ReturnType<typeof unitDashboard>>;

/**
 * The mean period total over every ranked unit in each counted period (the trend chart's reference line); a unit
 * not verified in a counted period counts 0 there, as in the ranking.
 */
export function averagePeriodTotals(s: Standings): Map<number, number> {
  const fromEngine = periodMeans(s.standings);
  if (fromEngine) return fromEngine;
  const sums = new Map<number, { sum: number; n: number }>();
  for (const u of s.standings) {
    for (const p of u.periodTotals) {
      const a = sums.get(p.periodId) ?? { sum: 0, n: 0 };
      a.sum += p.total ?? 0;
      a.n += 1;
      sums.set(p.periodId, a);
    }
  }
  return new Map([...sums].map(([k, v]) => [k, v.sum / v.n]));
}
