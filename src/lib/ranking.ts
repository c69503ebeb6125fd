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
//
// Each unit's own part of the work (its rows weighed, its sums, its penalty groups) is in ./ranking-parts.ts, kept
// between the live rankings of a campaign; the matrix it reads is built in ./ranking-matrix.ts.
import type { ClassCode, ClassRules, CountBasis, PeriodRef, Standings, TieBreak, UnitStanding } from '../ranking/types.ts';
import { buildMatrix, MICRO, normalizePeriod, type Matrix, type SheetGrid } from './ranking-matrix.ts';
import { aggsOf, penalised, unitParts, type UnitParts } from './ranking-parts.ts';
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
  const P = periods.length, A = m.A;
  const { basis, counted } = countedPeriods(periods, (p) => {
    const a = m.keep[periods.indexOf(p)];
    for (let u = 0; u < units.length; u++) if (!m.has[u * A + a]) return false;
    return true;
  });
  const idx = periods.flatMap((p, i) => (counted.has(p.id) ? [i] : []));
  const extra = periods.flatMap((p, i) => (counted.has(p.id) ? [] : [i]));
  const parts = unitParts(m, idx, input.totalMode, input.grid?.engine);
  // normalised totals are a new array; without normalisation they are the raw ones (never written once computed)
  const total = input.normalize ? Float64Array.from(parts.raw) : parts.raw;
  if (input.normalize) for (let pi = 0; pi < P; pi++) normalizePeriod(units.length, P, pi, parts.present, parts.raw, total, parts.main);
  const both = units.map((_, u) => aggsOf(m, parts, total, u, idx, input.totalMode));
  const current = rankUnits(both.map((x) => x.cur), input.tieBreaks, m);
  const previous = idx.length > 1 ? new Map(rankUnits(both.map((x) => x.prev!), input.tieBreaks, m).map((r) => [r.agg.unit.id, r.rank])) : null;

  const periodMax = crits.filter((c) => c.kind === 'NORMAL').reduce((s, c) => s + c.microMax, 0);
  const n = idx.length;
  const ref = (p: RankingPeriod): PeriodRef => ({ id: p.id, seq: p.seq, name: p.name });
  const refs = periods.map(ref);
  const factor = input.totalMode === 'SUM' ? Math.max(1, n) : 1;
  const out: Out = { crits, groupCodes: m.groupCodes, periods, refs, idx, extra, P, present: parts.present, total, raw: parts.raw, factor };
  const standings: UnitStanding[] = current.map(({ agg, rank, decidedBy }) => {
    const avgPeriod = n ? (input.totalMode === 'SUM' ? agg.total / n : agg.total) : 0;
    const percent = periodMax > 0 ? (avgPeriod / periodMax) * 100 : 0;
    const klass = classify(percent, agg, input.classRules, m, parts);
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

/** The highest class whose threshold the percent reaches and whose conditions hold; otherwise YEU. */
function classify(percent: number, agg: Agg, rules: ClassRules, m: Matrix, pt: UnitParts): ClassCode {
  if (!agg.scored) return 'YEU';
  for (const cls of CLASS_ORDER) {
    const threshold = rules.thresholds?.[cls];
    if (threshold === undefined || percent < threshold - EPS) continue;
    const conditions = (rules.conditions ?? []).filter((c) => c.class === cls);
    const blocked = conditions.some((c) => c.noPenaltyInGroup !== undefined && penalised(m, pt, agg.u, c.noPenaltyInGroup));
    if (!blocked) return cls;
  }
  return 'YEU';
}
