// Words for the ranking pages: the tie-break chain, the class rules and the rank changes, in the reader's language.
import type { Translate, Fmt } from '../i18n/index.ts';
import { cmpPoints } from '../lib/ranking.ts';
import { plainStanding } from '../lib/ranking-standing.ts';
import type { Standings, TieBreak, UnitStanding } from './types.ts';

export function stepText(t: Translate, step: TieBreak, s: Standings): string {
  if (step.kind === 'group') {
    const g = s.groups.find((x) => x.code === step.groupCode);
    return t('ranking.steps.group', { code: step.groupCode, title: g?.title ?? step.groupCode });
  }
  return t(`ranking.steps.${step.kind}`);
}

/** A few words naming a tie-break step, for the ranking table. */
export function shortStepText(t: Translate, step: TieBreak): string {
  return step.kind === 'group' ? t('ranking.stepsShort.group', { code: step.groupCode }) : t(`ranking.stepsShort.${step.kind}`);
}

/** The published order of comparison, first to last. */
export function chainText(t: Translate, s: Standings): string[] {
  return [t('ranking.steps.total'), ...s.tieBreaks.map((step) => stepText(t, step, s))];
}

/** "Xuất sắc ≥ 90%", … then the conditions, as sentences. */
export function classRulesText(t: Translate, fmt: Fmt, s: Standings): { thresholds: string[]; conditions: string[] } {
  const order = ['XUAT_SAC', 'TOT', 'KHA', 'TRUNG_BINH'] as const;
  const thresholds = order.flatMap((c) => {
    const v = s.classRules.thresholds[c];
    return v === undefined ? [] : [t('ranking.classRule', { class: t(`ranking.classes.${c}`), percent: fmt.num(v) })];
  });
  const conditions = (s.classRules.conditions ?? []).flatMap((c) => {
    if (!c.noPenaltyInGroup) return [];
    const g = s.groups.find((x) => x.code === c.noPenaltyInGroup);
    return [t('ranking.classCondition', { class: t(`ranking.classes.${c.class}`), code: c.noPenaltyInGroup, title: g?.title ?? c.noPenaltyInGroup })];
  });
  return { thresholds, conditions };
}

export type Change = { dir: 'up' | 'down' | 'same' | 'none'; n: number; symbol: string; text: string };

/** The rank change since the previous counted period, with a text alternative for the arrow (ranking and dashboards). */
export function rankChange(t: Translate, u: Pick<UnitStanding, 'rank' | 'previousRank'>): Change {
  if (u.previousRank === null) return { dir: 'none', n: 0, symbol: '–', text: t('ranking.change.none') };
  const n = u.previousRank - u.rank;
  if (n > 0) return { dir: 'up', n, symbol: `▲ ${n}`, text: t('ranking.change.up', { n }) };
  if (n < 0) return { dir: 'down', n: -n, symbol: `▼ ${-n}`, text: t('ranking.change.down', { n: -n }) };
  return { dir: 'same', n: 0, symbol: '=', text: t('ranking.change.same') };
}

/**
 * Each unit's total as printed. Two totals that differ must not print alike (the page would seem to break its own
 * order), so a total that would print like its neighbour's while being different gets more decimals, up to 9.
 */
export function totalTexts(fmt: Fmt, list: readonly UnitStanding[]): TotalTexts {
  // the cached standings are frozen and shared: their printed totals are worked out once per language
  const lang = fmt.numFine(1234.5, 1);
  const known = printed.get(list)?.get(lang);
  if (known) return known;
  const texts = computeTotalTexts(fmt, list);
  if (Object.isFrozen(list)) printed.set(list, (printed.get(list) ?? new Map()).set(lang, texts));
  return texts;
}
/** A unit's total as printed, by unit id; printed when first asked (a page prints 100 of 5,000). */
export type TotalTexts = { get(unitId: number): string | undefined };
const printed = new WeakMap<readonly UnitStanding[], Map<string, TotalTexts>>();

function computeTotalTexts(fmt: Fmt, list: readonly UnitStanding[]): TotalTexts {
  // Two numbers print alike with d decimals when they round alike. toFixed rounds the exact binary value half away
  // from zero; Intl rounds the shortest decimal that reads back as it (1.005 is 1.00499… to toFixed, 1.005 to Intl).
  // The two differ only at a half-way point, so there, and for negative zero (which prints apart in Intl only), Intl
  // itself is asked; anywhere else toFixed is the cheap and exact stand-in.
  const alike = (a: number, b: number, d: number) =>
    Object.is(a, -0) || Object.is(b, -0) || nearHalf(a, d) || nearHalf(b, d)
      ? fmt.numFine(a, d) === fmt.numFine(b, d)
      : a.toFixed(d) === b.toFixed(d);
  const digits = list.map(() => 2);
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1].total, b = list[i].total;
    if (cmpPoints(a, b) === 0) continue;
    let d = Math.max(digits[i - 1], digits[i]);
    while (d < 9 && alike(a, b, d)) d++;
    digits[i - 1] = Math.max(digits[i - 1], d);
    digits[i] = d;
  }
  // equal totals print alike, with the most digits any of them needs
  for (let i = 1; i < list.length; i++) if (cmpPoints(list[i - 1].total, list[i].total) === 0) digits[i] = Math.max(digits[i], digits[i - 1]);
  for (let i = list.length - 1; i > 0; i--) if (cmpPoints(list[i - 1].total, list[i].total) === 0) digits[i - 1] = Math.max(digits[i - 1], digits[i]);
  const index = new Map(list.map((u, i) => [u.unitId, i]));
  const texts = new Map<number, string>();
  return {
    get(unitId) {
      const i = index.get(unitId);
      if (i === undefined) return undefined;
      let text = texts.get(unitId);
      if (text === undefined) texts.set(unitId, (text = fmt.numFine(list[i].total, digits[i])));
      return text;
    },
  };
}

/**
 * Whether v is so close to a half-way point at d decimals that its exact value and its shortest decimal may round
 * apart. The two lie within an ulp of v (v · 2⁻⁵², ≤ y · 2⁻⁵² once scaled); y itself is off by less than that again,
 * so a margin of y · 10⁻¹⁴ (about 20 ulps) is safe.
 */
function nearHalf(v: number, d: number): boolean {
  const y = Math.abs(v) * 10 ** d;
  return Math.abs(y - Math.floor(y) - 0.5) <= y * 1e-14 + 1e-12;
}

/**
 * The table rows of `units` (default: all of them), with the words each row needs: the ranking page's table and
 * the dashboards' (which add their links) both read these.
 */
export function rankingRows(t: Translate, fmt: Fmt, s: Standings, units: readonly UnitStanding[] = s.standings) {
  const perRank = new Map<number, number>();
  for (const v of s.standings) perRank.set(v.rank, (perRank.get(v.rank) ?? 0) + 1);
  const totals = totalTexts(fmt, s.standings);
  return units.map((u) => ({
    ...plainStanding(u),
    totalText: totals.get(u.unitId) ?? fmt.num(u.total),
    change: rankChange(t, u),
    tied: (perRank.get(u.rank) ?? 0) > 1,
    decidedText: u.decidedBy ? t('ranking.decidedShort', { step: shortStepText(t, u.decidedBy) }) : '',
    missingText: u.missingPeriods?.length ? t('ranking.missing', { periods: u.missingPeriods.map((p) => fmt.period(p.name)).join(', ') }) : '',
    /** per Standings.provisionalPeriods: the verified total printed, or null when not verified there yet */
    provisionalTexts: (s.provisionalPeriods ?? []).map((p) => {
      const v = u.provisional?.find((x) => x.id === p.id);
      return v && v.total !== null ? fmt.num(v.total) : null;
    }),
  }));
}

/** Which periods the standing counts, and what happens to open ones, as sentences for the ranking page. */
export function basisText(t: Translate, fmt: Fmt, s: Standings): string[] {
  const names = (ps: { name: string }[]) => ps.map((p) => fmt.period(p.name)).join(', ');
  const basis = s.basis ?? 'closed';
  const out = [t(`ranking.basis.${basis}`, { periods: names(s.periods) })];
  if (s.provisionalPeriods?.length) out.push(t('ranking.basis.openNote', { periods: names(s.provisionalPeriods) }));
  return out;
}

/** How this unit's place was settled against its neighbours with the same total. */
export function tieStory(t: Translate, s: Standings, index: number): string[] {
  const u = s.standings[index];
  const out: string[] = [];
  const above = s.standings[index - 1];
  const below = s.standings[index + 1];
  const tiedWith = s.standings.filter((v) => v !== u && v.rank === u.rank).map((v) => v.name);
  if (above && u.decidedBy) out.push(t('ranking.breakdown.belowBecause', { unit: above.name, step: stepText(t, u.decidedBy, s) }));
  if (below && below.decidedBy) out.push(t('ranking.breakdown.aboveBecause', { unit: below.name, step: stepText(t, below.decidedBy, s) }));
  if (tiedWith.length) out.push(t('ranking.breakdown.sharedRank', { units: tiedWith.join(', ') }));
  if (!out.length) out.push(t('ranking.breakdown.byTotal'));
  return out;
}
