// Words for the ranking pages: the tie-break chain, the class rules and the rank changes, in the reader's language.
import type { Translate, Fmt } from '../i18n/index.ts';
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

/** The rank change since the previous period, with a text alternative for the arrow. */
export function rankChange(t: Translate, u: UnitStanding): Change {
  if (u.previousRank === null) return { dir: 'none', n: 0, symbol: '–', text: t('ranking.change.none') };
  const n = u.previousRank - u.rank;
  if (n > 0) return { dir: 'up', n, symbol: `▲ ${n}`, text: t('ranking.change.up', { n }) };
  if (n < 0) return { dir: 'down', n: -n, symbol: `▼ ${-n}`, text: t('ranking.change.down', { n: -n }) };
  return { dir: 'same', n: 0, symbol: '=', text: t('ranking.change.same') };
}

/** Table rows for the ranking page. */
/** The table rows of `units` (default: all of them), with the words each row needs. */
export function rankingRows(t: Translate, s: Standings, units: readonly UnitStanding[] = s.standings) {
  const perRank = new Map<number, number>();
  for (const v of s.standings) perRank.set(v.rank, (perRank.get(v.rank) ?? 0) + 1);
  return units.map((u) => ({
    ...u,
    change: rankChange(t, u),
    tied: (perRank.get(u.rank) ?? 0) > 1,
    decidedText: u.decidedBy ? t('ranking.decidedShort', { step: shortStepText(t, u.decidedBy) }) : '',
  }));
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
