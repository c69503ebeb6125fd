// The ranking engine: pure (no I/O). Plain data in (criteria, periods, units, verified score cells and the
// campaign's settings), `Standings` out (src/ranking/types.ts). The service feeds it from one SQL aggregation.
//
// Arithmetic. Points are counted in hundredths and weights in thousandths (the database's precision), so
// every raw total is an exact integer number of 1e-5 points and ties are exact. Averages and normalised
// totals are floating point; they are compared with a tolerance of EPS = 1e-9 points.
//
// Period total of a unit that is verified in the period (a unit with no verified cells there has null):
//   Σ NORMAL clamp(points, 0, max) × weight + Σ BONUS clamp(points, 0, max) − Σ PENALTY clamp(points, 0, max)
// Missing cells count 0.
//
// Counted periods: every unit is counted over the SAME periods (Standings.basis says which rule chose them).
//   closed       the closed periods (a period is closed once it is closed or its campaign is) with any verified
//                unit, up to `uptoSeq`: the official standing;
//   allVerified  no period closed yet: the open periods every participating unit is verified in (provisional);
//   none         neither: no ranking, and the class is withheld.
// A unit with no verified score in a counted period gets 0 for it (listed in `missingPeriods`). Campaign total:
// the sum, or the average over ALL counted periods (Campaign.totalMode). Class percent = the average counted
// period total / one period's normal maximum. Verified scores of the other (open) periods are reported apart
// as `provisional` and never change a rank or a class.
//
// Optional normalisation (Campaign.normalize), per period p. Each unit's period total x is attributed to
// the scorer who entered most of its cells there (ties: the lowest scorer id). With M and S the mean and
// population standard deviation of all units' totals in p, and m_s and s_s those of the units scored by s:
//   x' = M + S × (x − m_s) / s_s            (x' = M when s_s = 0)
// i.e. the per-scorer z-score rescaled to the period's overall mean and spread. With a single scorer x' = x.
// Only period totals (and so the campaign total, the latest-period tie-break and the class) are normalised;
// the breakdown by group and criterion keeps the points as scored.
import type { ClassCode, ClassRules, CountBasis, PeriodRef, Standings, TieBreak, UnitStanding } from '../ranking/types.ts';
import { buildMatrix, KIND, MICRO, type Matrix, type SheetGrid } from './ranking-matrix.ts';
import { standingOf, type Agg, type Out } from './ranking-standing.ts';

export type Kind = 'NORMAL' | 'BONUS' | 'PENALTY';
/** `order` sorts criteria inside their group in the breakdown (then the id). */
export type RankingCriterion = { id: number; code: string; groupCode: string; kind: Kind; max: number; weight: number; order?: number };
export type RankingGroup = { code: string; title: string };
/** `open`: the period is still open (its campaign running); it then counts only when no period is closed. */
export type RankingPeriod = { id: number; seq: number; name: string; open?: boolean };
export type RankingUnit = { id: number; code: string; name: string };
/** One verified cell (or the sum of the verified cells of one unit × period × criterion). */
export type ScoreCell = { unitId: number; periodId: number; criterionId: number; points: number; scorerId: number | null };
/**
 * One verified unit × period at once (the ScoreSheet table): the criteria with points, their points in
 * HUNDREDTHS (parallel to criterionIds), and the scorer of most of them. A sheet counts as verified.
 */
export type ScoreSheet = { unitId: number; periodId: number; criterionIds: ArrayLike<number>; points: ArrayLike<number>; scorerId: number | null };

export type RankingInput = {
  campaignId: number;
  totalMode: 'SUM' | 'AVERAGE';
  tieBreaks: TieBreak[];
  classRules: ClassRules;
  normalize: boolean;
  /** in display order; groups without criteria are left out of the result */
  groups: RankingGroup[];
  criteria: RankingCriterion[];
  periods: RankingPeriod[];
  units: RankingUnit[];
  /** verified cells; `sheets` is the same data grouped per unit × period (either or both may be given) */
  cells: ScoreCell[];
  sheets?: ScoreSheet[];
  /** the sheets already in typed arrays, with the verified mask (src/lib/ranking-matrix.ts); adds to the above */
  grid?: SheetGrid;
  /** unit × period pairs verified even where they have no cells (they count 0 and are not missing) */
  verified?: { unitId: number; periodId: number }[];
  /** count only periods up to this sequence number */
  uptoSeq?: number;
};

export const EPS = 1e-9;
const CLASS_ORDER: Exclude<ClassCode, 'YEU'>[] = ['XUAT_SAC', 'TOT', 'KHA', 'TRUNG_BINH'];

/** Compare two point values with the tolerance: negative when a < b, 0 when equal, positive when a > b. */
export function cmpPoints(a: number, b: number): number {
  return Math.abs(a - b) <= EPS ? 0 : a < b ? -1 : 1;
}

export function computeStandings(input: RankingInput): Standings {
  const m = buildMatrix(input);
  const { units, periods, crits } = m;
  const P = periods.length;
  const { basis, counted } = countedPeriods(periods, (p) => {
    const pi = periods.indexOf(p);
    for (let u = 0; u < units.length; u++) if (!m.present[u * P + pi]) return false;
    return true;
  });
  const idx = periods.flatMap((p, i) => (counted.has(p.id) ? [i] : []));
  const extra = periods.flatMap((p, i) => (counted.has(p.id) ? [] : [i]));
  const blocks = aggBlocks(m);
  const both = units.map((u, ui) => aggregate(m, ui, idx, input.totalMode, blocks));
  const current = rankUnits(both.map((x) => x.cur), input.tieBreaks, m);
  const previous = idx.length > 1 ? new Map(rankUnits(both.map((x) => x.prev!), input.tieBreaks, m).map((r) => [r.agg.unit.id, r.rank])) : null;

  const periodMax = crits.filter((c) => c.kind === 'NORMAL').reduce((s, c) => s + c.microMax, 0);
  const n = idx.length;
  const ref = (p: RankingPeriod): PeriodRef => ({ id: p.id, seq: p.seq, name: p.name });
  const refs = periods.map(ref);
  const factor = input.totalMode === 'SUM' ? Math.max(1, n) : 1;
  const out: Out = { crits, groupCodes: m.groupCodes, periods, refs, idx, extra, P, present: m.present, total: m.total, raw: m.raw, factor };
  const standings: UnitStanding[] = current.map(({ agg, rank, decidedBy }) => {
    const avgPeriod = n ? (input.totalMode === 'SUM' ? agg.total / n : agg.total) : 0;
    const percent = periodMax > 0 ? (avgPeriod / periodMax) * 100 : 0;
    const klass = classify(percent, agg, input.classRules, m, idx);
    return standingOf(out, agg, rank, decidedBy, previous ? (previous.get(agg.unit.id) ?? null) : null, klass, percent);
  });

  return {
    campaignId: input.campaignId,
    tieBreaks: input.tieBreaks,
    classRules: input.classRules,
    normalized: input.normalize,
    totalMode: input.totalMode,
    basis,
    periods: idx.map((pi) => ref(periods[pi])),
    provisionalPeriods: extra.map((pi) => ref(periods[pi])),
    groups: input.groups
      .filter((g) => m.groupCodes.includes(g.code))
      .map((g) => ({ code: g.code, title: g.title, kind: m.groupKinds[m.groupCodes.indexOf(g.code)], max: groupMax(m, g.code) / MICRO })),
    standings,
    periodMax: periodMax / MICRO,
  };
}

/** Which of the periods with verified scores count for every unit (see the header), and why. */
export function countedPeriods<P extends { id: number; open?: boolean }>(periods: P[], everyUnitVerified: (p: P) => boolean): { basis: CountBasis; counted: Set<number> } {
  const closed = periods.filter((p) => !p.open);
  if (closed.length) return { basis: 'closed', counted: new Set(closed.map((p) => p.id)) };
  const complete = periods.filter(everyUnitVerified);
  if (complete.length) return { basis: 'allVerified', counted: new Set(complete.map((p) => p.id)) };
  return { basis: 'none', counted: new Set() };
}

/** The most a group adds in one period; for a penalty group, the most it takes away. */
function groupMax(m: Matrix, code: string): number {
  const inGroup = m.crits.filter((c) => c.groupCode === code);
  const adding = inGroup.filter((c) => c.kind !== 'PENALTY');
  return (adding.length ? adding : inGroup).reduce((s, c) => s + c.microMax, 0);
}

/**
 * Where every unit's aggregates go: one array per ranking for the current criteria and groups and one for the
 * previous groups, each unit at its own offset, instead of four small typed arrays per unit (bench profile: 20,000
 * typed arrays a national ranking, most of its garbage). The previous rank needs no criteria.
 */
type Blocks = { criteria: Float64Array; groups: Float64Array; prevGroups: Float64Array; sums: Float64Array };
function aggBlocks(m: Matrix): Blocks {
  const U = m.units.length, C = m.crits.length, G = m.groupCodes.length;
  return { criteria: new Float64Array(U * C), groups: new Float64Array(U * G), prevGroups: new Float64Array(U * G), sums: new Float64Array(C) };
}

/**
 * The unit's aggregate over the counted periods (`cur`) and, for the previous rank, over all but the latest of them
 * (`prev`, null with fewer than two), in one pass. Criterion, group, bonus and penalty sums are whole micro units,
 * so summing them per criterion first and per group after gives exactly the same numbers as cell by cell.
 */
function aggregate(m: Matrix, u: number, idx: number[], mode: 'SUM' | 'AVERAGE', b: Blocks): { cur: Agg; prev: Agg | null } {
  const C = m.crits.length, P = m.periods.length;
  const sums = b.sums.fill(0);
  let total = 0, rawTotal = 0, scored = 0;
  let prev: Agg | null = null;
  for (let j = 0; j < idx.length; j++) {
    if (j === idx.length - 1 && j > 0) prev = finish(m, u, sums, total, rawTotal, scored, j, idx[j - 1], mode, b, false);
    const i = u * P + idx[j];
    if (!m.present[i]) continue;
    scored++;
    total += m.total[i];
    rawTotal += m.raw[i];
    for (let k = 0, o = i * C; k < C; k++) sums[k] += m.val[o + k];
  }
  const cur = finish(m, u, sums, total, rawTotal, scored, idx.length, idx.length ? idx[idx.length - 1] : -1, mode, b, true);
  return { cur, prev };
}

/**
 * A unit's aggregate over `n` counted periods, the last of them `lastPi`, written at the unit's offset in `b`: the
 * current one (criteria and groups) or the previous one (groups only).
 */
function finish(m: Matrix, u: number, sums: Float64Array, total: number, rawTotal: number, scored: number, n: number, lastPi: number, mode: 'SUM' | 'AVERAGE', b: Blocks, current: boolean): Agg {
  const C = m.crits.length, P = m.periods.length, G = m.groupCodes.length;
  // a counted period without a verified score counts 0, so the average is over every counted period
  const div = mode === 'AVERAGE' && n ? n : 1;
  const groups = current ? b.groups : b.prevGroups, go = u * G;
  const criteria = b.criteria, co = current ? u * C : -1;
  let bonus = 0, penalty = 0;
  for (let k = 0; k < C; k++) {
    const v = sums[k];
    if (m.kind[k] === KIND.BONUS) bonus += v;
    else if (m.kind[k] === KIND.PENALTY) penalty += v;
    groups[go + m.group[k]] += m.groupSign[k] * v;
    if (co >= 0) criteria[co + k] = v / div;
  }
  for (let g = 0; g < G; g++) groups[go + g] /= div;
  const latest = n ? (m.present[u * P + lastPi] ? m.total[u * P + lastPi] : 0) : null;
  return { unit: m.units[u], u, total: total / div, rawTotal: rawTotal / div, bonus: bonus / div, penalty: penalty / div, groups, go, criteria, co, latest, scored };
}

/** Tie-break values, "higher is better", in real points so the tolerance applies. */
function stepValue(a: Agg, step: TieBreak, m: Matrix): number {
  if (step.kind === 'group') {
    const g = m.groupCodes.indexOf(step.groupCode);
    return g < 0 ? 0 : a.groups[a.go + g] / MICRO;
  }
  if (step.kind === 'fewerPenalty') return -a.penalty / MICRO;
  return a.latest === null ? -Infinity : a.latest / MICRO;
}

function compareStep(a: Agg, b: Agg, step: TieBreak, m: Matrix): number {
  const x = stepValue(a, step, m), y = stepValue(b, step, m);
  if (x === y) return 0; // also both -Infinity
  return -cmpPoints(x, y);
}

type Ranked = { agg: Agg; rank: number; decidedBy: TieBreak | null };

/** Sort by total, then the tie-break chain; standard competition ranking ("1224"). */
function rankUnits(aggs: Agg[], chain: TieBreak[], m: Matrix): Ranked[] {
  const full = (a: Agg, b: Agg) => {
    const t = -cmpPoints(a.total / MICRO, b.total / MICRO);
    if (t) return t;
    for (const step of chain) {
      const s = compareStep(a, b, step, m);
      if (s) return s;
    }
    return 0;
  };
  const sorted = [...aggs].sort((a, b) => full(a, b) || (a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : a.unit.id - b.unit.id));
  const out: Ranked[] = [];
  sorted.forEach((agg, i) => {
    const prev = out[i - 1];
    if (!prev) return out.push({ agg, rank: 1, decidedBy: null });
    const tied = cmpPoints(prev.agg.total / MICRO, agg.total / MICRO) === 0;
    const decidedBy = tied ? (chain.find((s) => compareStep(prev.agg, agg, s, m) !== 0) ?? null) : null;
    out.push({ agg, rank: full(prev.agg, agg) === 0 ? prev.rank : i + 1, decidedBy });
  });
  return out;
}

/** Whether the unit has penalty points in the group in any counted period in which it is verified. */
function penalised(m: Matrix, agg: Agg, idx: number[], groupCode: string): boolean {
  const C = m.crits.length, P = m.periods.length;
  for (const pi of idx) {
    const i = agg.u * P + pi;
    if (!m.present[i]) continue;
    for (let k = 0; k < C; k++) if (m.val[i * C + k] > 0 && m.crits[k].k === KIND.PENALTY && m.crits[k].groupCode === groupCode) return true;
  }
  return false;
}

/** The highest class whose threshold the percent reaches and whose conditions hold; otherwise YEU. */
function classify(percent: number, agg: Agg, rules: ClassRules, m: Matrix, idx: number[]): ClassCode {
  if (!agg.scored) return 'YEU';
  for (const cls of CLASS_ORDER) {
    const threshold = rules.thresholds?.[cls];
    if (threshold === undefined || percent < threshold - EPS) continue;
    const conditions = (rules.conditions ?? []).filter((c) => c.class === cls);
    const blocked = conditions.some((c) => c.noPenaltyInGroup !== undefined && penalised(m, agg, idx, c.noPenaltyInGroup));
    if (!blocked) return cls;
  }
  return 'YEU';
}
