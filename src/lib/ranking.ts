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
import type { ClassCode, ClassRules, CountBasis, CriterionBreakdown, PeriodRef, Standings, TieBreak, UnitStanding } from '../ranking/types.ts';

export type Kind = 'NORMAL' | 'BONUS' | 'PENALTY';
/** `order` sorts criteria inside their group in the breakdown (then the id). */
export type RankingCriterion = { id: number; code: string; groupCode: string; kind: Kind; max: number; weight: number; order?: number };
export type RankingGroup = { code: string; title: string };
/** `open`: the period is still open (its campaign running); it then counts only when no period is closed. */
export type RankingPeriod = { id: number; seq: number; name: string; open?: boolean };
export type RankingUnit = { id: number; code: string; name: string };
/** One verified cell (or the sum of the verified cells of one unit × period × criterion). */
export type ScoreCell = { unitId: number; periodId: number; criterionId: number; points: number; scorerId: number | null };

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
  cells: ScoreCell[];
  /** unit × period pairs verified even where they have no cells (they count 0 and are not missing) */
  verified?: { unitId: number; periodId: number }[];
  /** count only periods up to this sequence number */
  uptoSeq?: number;
};

export const EPS = 1e-9;
const MICRO = 100_000; // internal unit: 1e-5 points
const CLASS_ORDER: Exclude<ClassCode, 'YEU'>[] = ['XUAT_SAC', 'TOT', 'KHA', 'TRUNG_BINH'];

/** Compare two point values with the tolerance: negative when a < b, 0 when equal, positive when a > b. */
export function cmpPoints(a: number, b: number): number {
  return Math.abs(a - b) <= EPS ? 0 : a < b ? -1 : 1;
}

const hundredths = (v: number) => (Number.isFinite(v) ? Math.round(v * 100) : 0);
const thousandths = (v: number) => (Number.isFinite(v) ? Math.max(0, Math.round(v * 1000)) : 0);
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

type Crit = RankingCriterion & { microMax: number; group: string };
/** One unit in one period: raw points per criterion (in micro units, after clamp and weight) and totals. */
type Cell = { perCrit: Map<number, number>; raw: number; total: number };
/** What the comparator and the output read for one unit over a set of periods. */
type Agg = {
  unit: RankingUnit;
  total: number;
  rawTotal: number;
  penalty: number;
  bonus: number;
  groups: Map<string, number>;
  criteria: Map<number, number>;
  latest: number | null;
  periods: (Cell | null)[];
  scored: number;
};

export function computeStandings(input: RankingInput): Standings {
  const crits = prepareCriteria(input.criteria, input.groups);
  const units = [...input.units].sort((a, b) => a.id - b.id);
  const unitIds = new Set(units.map((u) => u.id));
  const allPeriods = [...input.periods].sort((a, b) => a.seq - b.seq).filter((p) => input.uptoSeq === undefined || p.seq <= input.uptoSeq);
  const periodIds = new Set(allPeriods.map((p) => p.id));

  // unit → period → cell, built from the verified cells (summed per criterion, then clamped)
  const sums = new Map<string, Map<number, number>>();
  const scorers = new Map<string, Map<number, number>>();
  const key = (u: number, p: number) => `${u}:${p}`;
  for (const c of input.cells) {
    if (!unitIds.has(c.unitId) || !periodIds.has(c.periodId) || !crits.has(c.criterionId)) continue;
    const k = key(c.unitId, c.periodId);
    const m = sums.get(k) ?? new Map<number, number>();
    m.set(c.criterionId, (m.get(c.criterionId) ?? 0) + hundredths(c.points));
    sums.set(k, m);
    if (c.scorerId !== null) {
      const s = scorers.get(k) ?? new Map<number, number>();
      s.set(c.scorerId, (s.get(c.scorerId) ?? 0) + 1);
      scorers.set(k, s);
    }
  }
  for (const v of input.verified ?? []) {
    if (unitIds.has(v.unitId) && periodIds.has(v.periodId) && !sums.has(key(v.unitId, v.periodId))) sums.set(key(v.unitId, v.periodId), new Map());
  }
  // periods with at least one verified unit, split into the counted ones and the provisional rest
  const periods = allPeriods.filter((p) => units.some((u) => sums.has(key(u.id, p.id))));
  const { basis, counted } = countedPeriods(periods, (p) => units.every((u) => sums.has(key(u.id, p.id))));

  // cells[unitIndex][periodIndex]
  const cells: (Cell | null)[][] = units.map((u) =>
    periods.map((p) => {
      const m = sums.get(key(u.id, p.id));
      if (!m) return null;
      const perCrit = new Map<number, number>();
      let raw = 0;
      for (const [cid, pointsH] of [...m].sort((a, b) => a[0] - b[0])) {
        const c = crits.get(cid)!;
        const v = clamp(pointsH, 0, hundredths(c.max)) * (c.kind === 'NORMAL' ? thousandths(c.weight) : 1000);
        perCrit.set(cid, v);
        raw += c.kind === 'PENALTY' ? -v : v;
      }
      return { perCrit, raw, total: raw };
    }),
  );
  if (input.normalize) {
    periods.forEach((p, pi) => normalizePeriod(units.map((u, ui) => ({ cell: cells[ui][pi], scorer: mainScorer(scorers.get(key(u.id, p.id))) }))));
  }

  const groupKinds = groupKindsOf(crits);
  const idx = periods.flatMap((p, i) => (counted.has(p.id) ? [i] : []));
  const extra = periods.flatMap((p, i) => (counted.has(p.id) ? [] : [i]));
  const current = rankUnits(units.map((u, ui) => aggregate(u, cells[ui], idx, crits, groupKinds, input.totalMode)), input.tieBreaks);
  const previous =
    idx.length > 1
      ? new Map(rankUnits(units.map((u, ui) => aggregate(u, cells[ui], idx.slice(0, -1), crits, groupKinds, input.totalMode)), input.tieBreaks).map((r) => [r.agg.unit.id, r.rank]))
      : null;

  const periodMax = [...crits.values()].filter((c) => c.kind === 'NORMAL').reduce((s, c) => s + c.microMax, 0);
  const n = idx.length;
  const ref = (p: RankingPeriod): PeriodRef => ({ id: p.id, seq: p.seq, name: p.name });
  const standings: UnitStanding[] = current.map(({ agg, rank, decidedBy }) => {
    const ui = units.indexOf(agg.unit);
    const avgPeriod = n ? (input.totalMode === 'SUM' ? agg.total / n : agg.total) : 0;
    const percent = periodMax > 0 ? (avgPeriod / periodMax) * 100 : 0;
    const factor = input.totalMode === 'SUM' ? Math.max(1, n) : 1;
    const criteria: CriterionBreakdown[] = [...crits.values()].map((c) => ({
      criterionId: c.id,
      code: c.code,
      groupCode: c.groupCode,
      kind: c.kind,
      points: (agg.criteria.get(c.id) ?? 0) / MICRO,
      max: (c.microMax * factor) / MICRO,
    }));
    return {
      unitId: agg.unit.id,
      code: agg.unit.code,
      name: agg.unit.name,
      rank,
      total: agg.total / MICRO,
      periodTotals: idx.map((pi) => ({
        periodId: periods[pi].id,
        seq: periods[pi].seq,
        name: periods[pi].name,
        total: cells[ui][pi] ? cells[ui][pi].total / MICRO : null,
        raw: cells[ui][pi] ? cells[ui][pi].raw / MICRO : null,
      })),
      groupTotals: Object.fromEntries([...groupKinds.keys()].map((g) => [g, (agg.groups.get(g) ?? 0) / MICRO])),
      bonus: agg.bonus / MICRO,
      penalty: agg.penalty / MICRO,
      class: classify(percent, agg, input.classRules, crits),
      decidedBy,
      previousRank: previous ? (previous.get(agg.unit.id) ?? null) : null,
      criteria,
      rawTotal: agg.rawTotal / MICRO,
      scoredPeriods: agg.scored,
      percent,
      missingPeriods: idx.filter((pi) => cells[ui][pi] === null).map((pi) => ref(periods[pi])),
      provisional: extra.map((pi) => ({ ...ref(periods[pi]), total: cells[ui][pi] ? cells[ui][pi].total / MICRO : null })),
    };
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
      .filter((g) => groupKinds.has(g.code))
      .map((g) => ({ code: g.code, title: g.title, kind: groupKinds.get(g.code)!, max: groupMax(crits, g.code) / MICRO })),
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

/** Criteria in display order: by group (as given), then `order`, then id. */
function prepareCriteria(list: RankingCriterion[], groups: RankingGroup[]): Map<number, Crit> {
  const gi = (code: string) => {
    const i = groups.findIndex((g) => g.code === code);
    return i < 0 ? groups.length : i;
  };
  const sorted = [...list].sort((a, b) => gi(a.groupCode) - gi(b.groupCode) || (a.order ?? 0) - (b.order ?? 0) || a.id - b.id);
  const out = new Map<number, Crit>();
  for (const c of sorted) {
    const microMax = Math.max(0, hundredths(c.max)) * (c.kind === 'NORMAL' ? thousandths(c.weight) : 1000);
    out.set(c.id, { ...c, microMax, group: c.groupCode });
  }
  return out;
}

/** A group's kind is its criteria's kind; a group mixing kinds counts as NORMAL (its penalties subtract). */
function groupKindsOf(crits: Map<number, Crit>): Map<string, Kind> {
  const kinds = new Map<string, Kind>();
  for (const c of crits.values()) {
    const k = kinds.get(c.group);
    kinds.set(c.group, k === undefined || k === c.kind ? c.kind : 'NORMAL');
  }
  return kinds;
}

/** The most a group adds in one period; for a penalty group, the most it takes away. */
function groupMax(crits: Map<number, Crit>, code: string): number {
  const inGroup = [...crits.values()].filter((c) => c.group === code);
  const adding = inGroup.filter((c) => c.kind !== 'PENALTY');
  return (adding.length ? adding : inGroup).reduce((s, c) => s + c.microMax, 0);
}

function mainScorer(counts: Map<number, number> | undefined): number | null {
  if (!counts) return null;
  let best: number | null = null;
  for (const [id, n] of [...counts].sort((a, b) => a[0] - b[0])) if (best === null || n > counts.get(best)!) best = id;
  return best;
}

function meanSd(xs: number[]): [number, number] {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return [mean, Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length)];
}

/** Per-scorer z-scores rescaled to the period's overall mean and standard deviation (see the header). */
function normalizePeriod(rows: { cell: Cell | null; scorer: number | null }[]): void {
  const scored = rows.filter((r): r is { cell: Cell; scorer: number | null } => r.cell !== null);
  if (!scored.length) return;
  const [M, S] = meanSd(scored.map((r) => r.cell.raw));
  const byScorer = new Map<number | null, Cell[]>();
  for (const r of scored) byScorer.set(r.scorer, [...(byScorer.get(r.scorer) ?? []), r.cell]);
  for (const group of byScorer.values()) {
    const [m, s] = meanSd(group.map((c) => c.raw));
    for (const c of group) c.total = s > 0 ? M + (S * (c.raw - m)) / s : M;
  }
}

function aggregate(unit: RankingUnit, row: (Cell | null)[], idx: number[], crits: Map<number, Crit>, groupKinds: Map<string, Kind>, mode: 'SUM' | 'AVERAGE'): Agg {
  const periods = idx.map((i) => row[i]);
  const present = periods.filter((c): c is Cell => c !== null);
  // a counted period without a verified score counts 0, so the average is over every counted period
  const div = mode === 'AVERAGE' && periods.length ? periods.length : 1;
  const groups = new Map<string, number>();
  const criteria = new Map<number, number>();
  let total = 0, rawTotal = 0, bonus = 0, penalty = 0;
  for (const cell of present) {
    total += cell.total;
    rawTotal += cell.raw;
    for (const [cid, v] of cell.perCrit) {
      const c = crits.get(cid)!;
      criteria.set(cid, (criteria.get(cid) ?? 0) + v);
      if (c.kind === 'BONUS') bonus += v;
      if (c.kind === 'PENALTY') penalty += v;
      const signed = c.kind === 'PENALTY' && groupKinds.get(c.group) !== 'PENALTY' ? -v : v;
      groups.set(c.group, (groups.get(c.group) ?? 0) + signed);
    }
  }
  for (const [k, v] of groups) groups.set(k, v / div);
  for (const [k, v] of criteria) criteria.set(k, v / div);
  const last = periods.length ? (periods[periods.length - 1]?.total ?? 0) : null;
  return {
    unit,
    total: total / div,
    rawTotal: rawTotal / div,
    bonus: bonus / div,
    penalty: penalty / div,
    groups,
    criteria,
    latest: last,
    periods,
    scored: present.length,
  };
}

/** Tie-break values, "higher is better", in real points so the tolerance applies. */
function stepValue(a: Agg, step: TieBreak): number {
  if (step.kind === 'group') return (a.groups.get(step.groupCode) ?? 0) / MICRO;
  if (step.kind === 'fewerPenalty') return -a.penalty / MICRO;
  return a.latest === null ? -Infinity : a.latest / MICRO;
}

function compareStep(a: Agg, b: Agg, step: TieBreak): number {
  const x = stepValue(a, step), y = stepValue(b, step);
  if (x === y) return 0; // also both -Infinity
  return -cmpPoints(x, y);
}

type Ranked = { agg: Agg; rank: number; decidedBy: TieBreak | null };

/** Sort by total, then the tie-break chain; standard competition ranking ("1224"). */
function rankUnits(aggs: Agg[], chain: TieBreak[]): Ranked[] {
  const full = (a: Agg, b: Agg) => {
    const t = -cmpPoints(a.total / MICRO, b.total / MICRO);
    if (t) return t;
    for (const step of chain) {
      const s = compareStep(a, b, step);
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
    const decidedBy = tied ? (chain.find((s) => compareStep(prev.agg, agg, s) !== 0) ?? null) : null;
    out.push({ agg, rank: full(prev.agg, agg) === 0 ? prev.rank : i + 1, decidedBy });
  });
  return out;
}

/** The highest class whose threshold the percent reaches and whose conditions hold; otherwise YEU. */
function classify(percent: number, agg: Agg, rules: ClassRules, crits: Map<number, Crit>): ClassCode {
  if (!agg.scored) return 'YEU';
  for (const cls of CLASS_ORDER) {
    const threshold = rules.thresholds?.[cls];
    if (threshold === undefined || percent < threshold - EPS) continue;
    const conditions = (rules.conditions ?? []).filter((c) => c.class === cls);
    const blocked = conditions.some(
      (c) => c.noPenaltyInGroup !== undefined && agg.periods.some((cell) => cell !== null && [...cell.perCrit].some(([cid, v]) => v > 0 && crits.get(cid)!.kind === 'PENALTY' && crits.get(cid)!.group === c.noPenaltyInGroup)),
    );
    if (!blocked) return cls;
  }
  return 'YEU';
}
