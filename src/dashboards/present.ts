// Turns dashboard data into what the templates print: translated labels, formatted numbers and the
// server-built SVG charts (src/lib/charts.ts escapes every part). No queries here.
import type { Translate, Fmt } from '../i18n/index.ts';
import { heatmap, lineChart, progressBar, stackedBar, type BarTone, type LineSeries } from '../lib/charts.ts';
import type { Standings, UnitStanding } from '../ranking/types.ts';
import { measureText, valueText } from '../pledges/present.ts';
import type { UnitRef } from './data.ts';
import { averagePeriodTotals, type CommandDashboard, type UnitDashboard } from './service.ts';
import type { CompletenessRow } from './completeness.ts';
import { PLEDGE_STATES, groupPercent, targetShare, type PledgeState } from './summaries.ts';
import { basisText, rankChange, rankingRows } from '../ranking/present.ts';
import { DASH_ENDS, DASH_LIST, ends, unitWindow } from './scope.ts';

export type Ctx = { t: Translate; fmt: Fmt };

const unitLabel = (u: Pick<UnitRef, 'name' | 'shortName'>) => u.shortName ?? u.name;
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The dashboards' ranking table: the ranking page's rows (src/ranking/present.ts) with the dashboards' links and
 * names, for `list` (some of the standings, in rank order; all of them by default).
 */
export function dashboardRows(ctx: Ctx, campaignId: number, s: Standings, units: UnitRef[], highlight?: number, list: readonly UnitStanding[] = s.standings) {
  const { t, fmt } = ctx;
  // nothing counted yet: every unit would tie at 0, which is no ranking at all
  if (s.periods.length === 0 && !s.frozen) return [];
  const shortNames = new Map(units.map((u) => [u.id, u.shortName]));
  return rankingRows(t, fmt, s, list).map((u) => ({
    unitId: u.unitId,
    rank: u.rank,
    code: u.code,
    name: u.name,
    shortName: shortNames.get(u.unitId) ?? null,
    href: `/campaigns/${campaignId}/units/${u.unitId}`,
    total: u.totalText,
    classCode: u.class,
    classLabel: t(`dashboards.class.${u.class}`),
    change: u.change,
    missingText: u.missingText,
    current: u.unitId === highlight,
  }));
}

/** Period categories for the trend chart: every period of the campaign, in order. */
function trendSeries(periods: { id: number; name: string }[], u: UnitStanding | null, average: Map<number, number> | null, ctx: Ctx, label: string): LineSeries[] {
  const totals = new Map((u?.periodTotals ?? []).map((p) => [p.periodId, p.total]));
  const series: LineSeries[] = [{ label, values: periods.map((p) => totals.get(p.id) ?? null), tone: 'primary', showValues: true }];
  if (average) series.push({ label: ctx.t('dashboards.trend.averageShort'), values: periods.map((p) => (average.has(p.id) ? round1(average.get(p.id)!) : null)), tone: 'reference' });
  return series;
}

/** The trend chart of one unit (with the average of all units when the viewer may see it) and its data table. */
export function trend(ctx: Ctx, id: string, periods: { id: number; name: string }[], unit: UnitStanding | null, name: string, average: Map<number, number> | null) {
  const { t, fmt } = ctx;
  const series = trendSeries(periods, unit, average, ctx, name);
  const svg = lineChart({
    id,
    title: t('dashboards.trend.chartTitle', { unit: name }),
    desc: t(average ? 'dashboards.trend.descWithAverage' : 'dashboards.trend.desc', { unit: name, n: periods.length }),
    categories: periods.map((p) => fmt.period(p.name)),
    series,
    emptyText: t('dashboards.trend.empty'),
    format: (n) => fmt.num(n),
    width: 400,
    height: 250,
  });
  const table = periods.map((p, i) => ({
    period: fmt.period(p.name),
    total: series[0].values[i] === null ? '' : fmt.num(series[0].values[i]),
    average: series[1] && series[1].values[i] !== null ? fmt.num(series[1].values[i]) : '',
  }));
  return { svg, table, hasAverage: Boolean(average) };
}

/** Units × criteria groups as a heatmap (SVG) and the same numbers as a table for screen readers; `list` picks the rows. */
export function groupHeatmap(ctx: Ctx, s: Standings, units: UnitRef[], list: readonly UnitStanding[] = s.standings) {
  const { t, fmt } = ctx;
  const byId = new Map(units.map((u) => [u.id, u]));
  const ranked = s.periods.length > 0 || s.frozen ? list : [];
  const rows = ranked.map((u) => {
    // every unit over the same counted periods (a missing one counts 0), as in the ranking
    const scored = s.periods.length || u.periodTotals.length;
    const ref = byId.get(u.unitId);
    const label = ref ? unitLabel(ref) : u.name;
    return {
      label,
      cells: s.groups.map((g) => {
        const pct = groupPercent(u.groupTotals[g.code] ?? 0, g.max, s.totalMode, scored);
        const points = fmt.num(u.groupTotals[g.code] ?? 0);
        return {
          pct,
          text: pct === null ? '–' : `${fmt.num(Math.round(pct))}%`,
          tip: pct === null ? t('dashboards.heatmap.noScore', { unit: label, group: g.code }) : t('dashboards.heatmap.cellTip', { unit: label, group: g.code, points, pct: fmt.num(Math.round(pct)) }),
        };
      }),
    };
  });
  const svg = heatmap({
    id: 'heatmap',
    title: t('dashboards.heatmap.chartTitle'),
    desc: t('dashboards.heatmap.desc', { units: rows.length, groups: s.groups.length }),
    columns: s.groups.map((g) => ({ label: g.code, tone: g.kind === 'PENALTY' ? 'bad' : 'good', tip: g.title })),
    rows,
    emptyText: t('dashboards.heatmap.empty'),
    legend: { bins: ['0–19', '20–39', '40–59', '60–79', '80–100'], good: t('dashboards.heatmap.legendGood'), bad: t('dashboards.heatmap.legendBad') },
  });
  return { svg, groups: s.groups, rows };
}

/** The completeness buckets after "verified", in the order the bar and the lists show them. */
export const OPEN_BUCKETS = ['submitted', 'returned', 'draft', 'notScored'] as const;
const BUCKET_TONES: Record<'verified' | (typeof OPEN_BUCKETS)[number], BarTone> = { verified: 'good', submitted: 'info', returned: 'bad', draft: 'warn', notScored: 'none' };

/** Scoring completeness per period: a bar (verified, submitted, returned, in progress) and who is in each bucket. */
export function completeness(rows: CompletenessRow[]) {
  return rows.map((r) => ({
    periodId: r.periodId,
    name: r.name,
    status: r.status,
    total: r.total,
    verified: r.counts.verified,
    bar: stackedBar(
      (['verified', 'submitted', 'returned', 'draft'] as const).map((k) => ({ value: r.counts[k], tone: BUCKET_TONES[k] })),
      { total: r.total, width: 240 },
    ),
    done: r.total > 0 && r.counts.verified === r.total,
    started: r.total > r.counts.notScored,
    // a national period can leave thousands of units in a bucket: name the first few, count the rest
    open: OPEN_BUCKETS.filter((k) => r.counts[k] > 0).map((k) => ({ key: k, tone: BUCKET_TONES[k], n: r.counts[k], units: r.first[k].slice(0, DASH_LIST).map((u) => unitLabel(u)), more: Math.max(0, r.counts[k] - Math.min(DASH_LIST, r.first[k].length)) })),
  }));
}

const PLEDGE_TONES: Record<PledgeState, BarTone> = { APPROVED: 'good', SUBMITTED: 'info', RETURNED: 'bad', DRAFT: 'warn', NONE: 'none' };

/** Pledge status counts as a stacked bar with its legend, and target progress. */
export function pledges(ctx: Ctx, p: CommandDashboard['pledges']) {
  return {
    ...p,
    states: PLEDGE_STATES.map((s) => ({ state: s, n: p.counts[s], tone: PLEDGE_TONES[s], label: ctx.t(`dashboards.pledges.state.${s}`) })),
    bar: stackedBar(PLEDGE_STATES.map((s) => ({ value: p.counts[s], tone: PLEDGE_TONES[s] })), { total: p.participants, width: 320, height: 16 }),
    targetsBar: progressBar(p.targets.measurable ? p.targets.met / p.targets.measurable : 0, 'good', { width: 240 }),
    units: p.units.slice(0, DASH_LIST),
    moreUnits: Math.max(0, p.pledged - Math.min(DASH_LIST, p.units.length)),
  };
}

/** The command dashboard's view model: at scale it draws the top and the bottom of the units in scope, never all of them. */
export function presentCommand(ctx: Ctx, d: CommandDashboard) {
  const { t, fmt } = ctx;
  const unitsById = new Map(d.units.map((u) => [u.id, u]));
  const nameOf = (u: UnitStanding) => unitLabel(unitsById.get(u.unitId) ?? { name: u.name, shortName: null });
  const selectedName = d.selected ? nameOf(d.selected) : '';
  const shown = ends(d.scoped);
  const drawn = [...shown.top, ...shown.bottom];
  // the trend picker offers the units drawn, and the one picked even when it is not among them
  const picks = d.selected && !drawn.includes(d.selected) ? [d.selected, ...drawn] : drawn;
  const base = `/campaigns/${d.campaign.id}/dashboard`;
  const scopeQuery = d.scope.kind === 'all' ? '' : `${d.scope.kind}=${d.scope.id}`;
  return {
    campaign: d.campaign,
    standings: d.standings,
    periods: d.periods,
    ranking: dashboardRows(ctx, d.campaign.id, d.standings, d.units, undefined, shown.top),
    rankingBottom: dashboardRows(ctx, d.campaign.id, d.standings, d.units, undefined, shown.bottom),
    hidden: shown.hidden,
    ends: DASH_ENDS,
    scopedCount: d.scoped.length,
    fullRankingHref: `/campaigns/${d.campaign.id}/ranking`,
    rankingBasis: basisText(t, fmt, d.standings),
    unitOptions: picks.map((u) => ({ value: u.unitId, label: `${u.rank}. ${nameOf(u)}`, selected: u.unitId === d.selected?.unitId })),
    selected: d.selected,
    selectedName,
    trend: trend(ctx, 'trend', d.periods, d.selected, selectedName, averagePeriodTotals(d.standings)),
    heatmap: groupHeatmap(ctx, d.standings, d.units, drawn),
    completeness: completeness(d.completeness),
    pledges: pledges(ctx, d.pledges),
    inspections: d.inspections,
    scope: d.scope,
    scopeQuery,
    base,
    groupBy: d.groupBy,
    canGroupBy: { cluster: d.options.clusters.length > 0, parent: d.options.parents.length > 1 },
    groups: {
      ...d.groups,
      items: d.groups.items.map((g) => ({
        ...g,
        // the units in no group have no drill-down of their own: the full ranking lists them
        href: g.id === null ? null : `${base}?${d.groupBy}=${g.id}`,
        label: g.id === null ? t(d.groupBy === 'cluster' ? 'dashboards.summary.outsideCluster' : 'dashboards.summary.outsideParent') : g.label,
        average: g.average === null ? '–' : fmt.num(Math.round(g.average * 100) / 100),
        best: g.best ? { ...g.best, href: `/campaigns/${d.campaign.id}/units/${g.best.unitId}`, name: unitLabel(unitsById.get(g.best.unitId) ?? { name: g.best.name, shortName: null }) } : null,
      })),
    },
    groupsPagerBase: `${base}?by=${d.groupBy ?? ''}&`,
    title: d.scope.kind === 'all' ? t('dashboards.command.title') : `${d.scope.label} · ${t('dashboards.command.title')}`,
  };
}

/** The unit dashboard's view model. */
export function presentUnit(ctx: Ctx, d: UnitDashboard) {
  const { t, fmt } = ctx;
  const name = unitLabel(d.unit);
  const scoreBy = new Map(d.scores.scores.map((s) => [s.criterionId, s]));
  const verified = d.scores.assessment?.status === 'VERIFIED';
  const groups: { code: string; title: string; rows: ReturnType<typeof scoreRow>[] }[] = [];
  function scoreRow(c: UnitDashboard['criteria'][number]) {
    const s = scoreBy.get(c.id);
    return {
      code: c.code,
      title: c.title,
      kind: c.kind,
      max: fmt.num(c.max),
      self: s?.selfPoints === null || s?.selfPoints === undefined ? '' : fmt.num(s.selfPoints),
      official: verified && s?.points !== null && s?.points !== undefined ? fmt.num(s.points) : '',
      differs: verified && s?.points != null && s?.selfPoints != null && Number(s.points.toString()) !== Number(s.selfPoints.toString()),
      comment: s?.comment ?? '',
      selfComment: s?.selfComment ?? '',
    };
  }
  for (const c of d.criteria) {
    let g = groups.find((x) => x.code === c.groupCode);
    if (!g) groups.push((g = { code: c.groupCode, title: c.groupTitle, rows: [] }));
    g.rows.push(scoreRow(c));
  }
  const own = d.own;
  return {
    campaign: d.campaign,
    unit: d.unit,
    full: d.full,
    own: own
      ? {
          rank: own.rank,
          of: d.rankedCount,
          total: fmt.num(own.total),
          classCode: own.class,
          classLabel: t(`dashboards.class.${own.class}`),
          scored: (own.scoredPeriods ?? own.periodTotals.filter((p) => p.total !== null).length) > 0,
          change: rankChange(t, own),
          missingText: own.missingPeriods?.length ? t('ranking.missing', { periods: own.missingPeriods.map((p) => fmt.period(p.name)).join(', ') }) : '',
        }
      : null,
    // the units around this one (all of them in a small campaign), with a link to the full ranking
    ranking: d.full ? dashboardRows(ctx, d.campaign.id, d.standings, d.units, d.unit.id, unitWindow(d.standings.standings, d.unit.id)) : [],
    rankedTotal: d.standings.standings.length,
    fullRankingHref: `/campaigns/${d.campaign.id}/ranking`,
    rankingBasis: basisText(t, fmt, d.standings),
    trend: trend(ctx, 'unit-trend', d.periods, own, name, d.average),
    periods: d.periods,
    period: d.period,
    assessment: d.scores.assessment,
    verified,
    scoreGroups: groups,
    progress: d.progress
      ? {
          ...d.progress,
          targets: d.progress.targets.map((tg) => ({
            ...tg,
            goal: measureText(fmt)(tg.comparator, tg.targetValue, tg.unitOfMeasure),
            reached: tg.latest ? valueText(fmt)(tg.latest.value, tg.unitOfMeasure) : '',
            bar: progressBar(targetShare(tg) ?? 0, tg.latest?.met ? 'good' : 'warn', { width: 160, height: 10 }),
          })),
        }
      : null,
    registrations: d.registrations,
    inspections: d.inspections,
    title: t('dashboards.unit.title', { unit: name }),
  };
}
