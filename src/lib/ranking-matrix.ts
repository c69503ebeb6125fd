// The ranking engine's working data, column-wise (see src/lib/ranking.ts for the rules): typed arrays indexed
// by unit × period × criterion instead of one object per score, so 5,000 units × 12 periods × 30 criteria are
// a few flat arrays (bench: 1.8 million cells as objects took over a gigabyte).
import type { RankingCriterion, RankingGroup, RankingInput, RankingPeriod, RankingUnit } from './ranking.ts';

export const MICRO = 100_000; // internal unit: 1e-5 points
export const KIND = { NORMAL: 0, BONUS: 1, PENALTY: 2 } as const;

export const hundredths = (v: number) => (Number.isFinite(v) ? Math.round(v * 100) : 0);
const thousandths = (v: number) => (Number.isFinite(v) ? Math.max(0, Math.round(v * 1000)) : 0);

/** A criterion in display order, with its bound in hundredths, its factor to micro units and its group's index. */
export type Crit = RankingCriterion & { microMax: number; hmax: number; factor: number; k: 0 | 1 | 2; g: number };

export type Matrix = {
  units: RankingUnit[];
  /** the periods (up to uptoSeq) in which some unit is verified, by seq */
  periods: RankingPeriod[];
  /** each of `periods`' index among all the periods up to uptoSeq (A of them): `sums` and `has` are over all A */
  keep: number[];
  A: number;
  crits: Crit[];
  /** group codes in the criteria's order, and each group's kind (a group mixing kinds is NORMAL) */
  groupCodes: string[];
  groupKinds: ('NORMAL' | 'BONUS' | 'PENALTY')[];
  /**
   * [(u × A + a) × C + c]: the points in hundredths summed per criterion (not yet clamped or weighed; each unit's
   * rows are weighed when its part is computed, src/lib/ranking.ts). A sheet grid's own array when it is the only input.
   */
  sums: Float64Array;
  /** [u × A + a]: 1 when the unit is verified in the period; and the main scorer there, -1 for none */
  has: Uint8Array;
  scorer: Int32Array;
  /** per criterion: its bound in hundredths, its factor to micro units, +1 or -1 (a penalty subtracts from the total) */
  hmax: Float64Array;
  factor: Float64Array;
  sign: Float64Array;
  /** per criterion: its KIND, its group's index, and -1 where it subtracts from its group (a penalty in a mixed group) */
  kind: Int8Array;
  group: Int32Array;
  groupSign: Float64Array;
};

/** Criteria in display order: by group (as given), then `order`, then id. */
function prepareCriteria(list: RankingCriterion[], groups: RankingGroup[]): { crits: Crit[]; groupCodes: string[]; groupKinds: Matrix['groupKinds'] } {
  const gi = (code: string) => {
    const i = groups.findIndex((g) => g.code === code);
    return i < 0 ? groups.length : i;
  };
  const sorted = [...list].sort((a, b) => gi(a.groupCode) - gi(b.groupCode) || (a.order ?? 0) - (b.order ?? 0) || a.id - b.id);
  const seen = new Set<number>();
  const groupCodes: string[] = [];
  const groupKinds: Matrix['groupKinds'] = [];
  const crits: Crit[] = [];
  for (const c of sorted) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    let g = groupCodes.indexOf(c.groupCode);
    if (g < 0) g = groupCodes.push(c.groupCode) - 1;
    groupKinds[g] = groupKinds[g] === undefined || groupKinds[g] === c.kind ? c.kind : 'NORMAL';
    const factor = c.kind === 'NORMAL' ? thousandths(c.weight) : 1000;
    const hmax = hundredths(c.max);
    crits.push({ ...c, hmax, factor, microMax: Math.max(0, hmax) * factor, k: KIND[c.kind], g });
  }
  return { crits, groupCodes, groupKinds };
}

/**
 * Score sheets written straight into typed arrays, in the matrix's own order (units by id, periods by seq up to
 * uptoSeq, criteria in display order; see `gridShape`): what a live ranking keeps between computations instead of
 * one object per sheet. A sheet counts only where its unit is verified in the period (`verified`, a caller's mask).
 */
export type SheetGrid = {
  unitIds: number[];
  periodIds: number[];
  criterionIds: number[];
  /** [(u × A + a) × C + c]: the sheet's points in hundredths (0 where it has none) */
  sums: Float64Array;
  /** [u × A + a]: the sheet's main scorer, -1 for none */
  scorer: Int32Array;
  /** [u × A + a]: 1 when the unit is verified in the period */
  verified: Uint8Array;
  /**
   * What a live ranking keeps for the next (src/lib/ranking.ts): the last computation's unit parts, and the rows of
   * the units whose sheets were rewritten since (src/ranking/live.ts marks them). Optional: without it every unit
   * part is computed.
   */
  engine?: EngineHolder;
};

export type EngineHolder = { parts: unknown; dirty: Set<number> };

/** The order a SheetGrid for this input must follow. */
export function gridShape(input: Pick<RankingInput, 'criteria' | 'groups' | 'units' | 'periods' | 'uptoSeq'>): { unitIds: number[]; periodIds: number[]; criterionIds: number[] } {
  return {
    unitIds: input.units.map((u) => u.id).sort((a, b) => a - b),
    periodIds: [...input.periods].sort((a, b) => a.seq - b.seq).filter((p) => input.uptoSeq === undefined || p.seq <= input.uptoSeq).map((p) => p.id),
    criterionIds: prepareCriteria(input.criteria, input.groups).crits.map((c) => c.id),
  };
}

/** Build the matrix from the verified cells (`cells` summed per criterion), score sheets or a sheet grid (clamped and weighed later, per unit). */
export function buildMatrix(input: RankingInput): Matrix {
  const { crits, groupCodes, groupKinds } = prepareCriteria(input.criteria, input.groups);
  const C = crits.length;
  const cIndex = new Map(crits.map((c, i) => [c.id, i]));
  const units = [...input.units].sort((a, b) => a.id - b.id);
  const U = units.length;
  const uIndex = new Map(units.map((u, i) => [u.id, i]));
  const all = [...input.periods].sort((a, b) => a.seq - b.seq).filter((p) => input.uptoSeq === undefined || p.seq <= input.uptoSeq);
  const A = all.length;
  const aIndex = new Map(all.map((p, i) => [p.id, i]));

  // hundredths summed per criterion, over every period up to uptoSeq
  const grid = input.grid;
  if (grid && (grid.unitIds.length !== U || grid.periodIds.length !== A || grid.criterionIds.length !== C)) throw new Error('ranking: sheet grid of another shape');
  const alone = grid !== undefined && input.cells.length === 0 && !input.sheets?.length;
  const sums = alone ? grid.sums : new Float64Array(U * A * C);
  const has = new Uint8Array(U * A);
  const scorer = new Int32Array(U * A).fill(-1); // the main scorer's id, -1 for none
  if (grid) {
    for (let up = 0; up < U * A; up++) {
      if (!grid.verified[up]) continue;
      has[up] = 1;
      scorer[up] = grid.scorer[up];
      if (!alone) for (let k = 0, b = up * C; k < C; k++) sums[b + k] += grid.sums[b + k];
    }
  }
  const counts = new Map<number, Map<number, number>>(); // per-cell scorers of the `cells` form
  for (const c of input.cells) {
    const u = uIndex.get(c.unitId), p = aIndex.get(c.periodId), k = cIndex.get(c.criterionId);
    if (u === undefined || p === undefined || k === undefined) continue;
    const up = u * A + p;
    has[up] = 1;
    sums[up * C + k] += hundredths(c.points);
    if (c.scorerId !== null) {
      const m = counts.get(up) ?? new Map<number, number>();
      m.set(c.scorerId, (m.get(c.scorerId) ?? 0) + 1);
      counts.set(up, m);
    }
  }
  for (const [up, m] of counts) scorer[up] = mainScorer(m) ?? -1;
  for (const v of input.verified ?? []) {
    const u = uIndex.get(v.unitId), p = aIndex.get(v.periodId);
    if (u !== undefined && p !== undefined) has[u * A + p] = 1;
  }
  // sheets nearly always share one criteria list: map it to criterion indexes once per distinct list
  let lastIds: ArrayLike<number> | null = null;
  let ks = new Int32Array(0);
  for (const s of input.sheets ?? []) {
    const u = uIndex.get(s.unitId), p = aIndex.get(s.periodId);
    if (u === undefined || p === undefined) continue;
    const up = u * A + p;
    has[up] = 1;
    scorer[up] = s.scorerId ?? -1;
    if (s.criterionIds !== lastIds) {
      lastIds = s.criterionIds;
      ks = Int32Array.from(s.criterionIds, (id) => cIndex.get(id) ?? -1);
    }
    const base = up * C;
    for (let j = 0; j < ks.length; j++) if (ks[j] >= 0) sums[base + ks[j]] += s.points[j];
  }

  // keep the periods with at least one verified unit
  const keep: number[] = [];
  for (let p = 0; p < A; p++) {
    for (let u = 0; u < U; u++) if (has[u * A + p]) { keep.push(p); break; }
  }
  return {
    units,
    periods: keep.map((p) => all[p]),
    keep,
    A,
    crits,
    groupCodes,
    groupKinds,
    sums,
    has,
    scorer,
    hmax: Float64Array.from(crits, (c) => c.hmax),
    factor: Float64Array.from(crits, (c) => c.factor),
    sign: Float64Array.from(crits, (c) => (c.k === KIND.PENALTY ? -1 : 1)),
    kind: Int8Array.from(crits, (c) => c.k),
    group: Int32Array.from(crits, (c) => c.g),
    groupSign: Float64Array.from(crits, (c) => (c.k === KIND.PENALTY && groupKinds[c.g] !== 'PENALTY' ? -1 : 1)),
  };
}

/** One unit × period: its criteria's sums clamped and weighed into `val`; returns the row's raw total. */
export function weighRow(sums: Float64Array, from: number, val: Float64Array, to: number, C: number, hmax: Float64Array, factor: Float64Array, sign: Float64Array): number {
  let r = 0;
  for (let k = 0; k < C; k++) {
    const h = sums[from + k];
    const v = (h < 0 ? 0 : h > hmax[k] ? hmax[k] : h) * factor[k];
    val[to + k] = v;
    r += sign[k] * v;
  }
  return r;
}

function mainScorer(counts: Map<number, number>): number | null {
  let best: number | null = null;
  for (const [id, n] of [...counts].sort((a, b) => a[0] - b[0])) if (best === null || n > counts.get(best)!) best = id;
  return best;
}

function meanSd(xs: number[]): [number, number] {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return [mean, Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length)];
}

/** Per-scorer z-scores rescaled to the period's overall mean and standard deviation (see src/lib/ranking.ts). */
export function normalizePeriod(U: number, P: number, pi: number, present: Uint8Array, raw: Float64Array, total: Float64Array, main: Int32Array): void {
  const scored: number[] = [];
  for (let u = 0; u < U; u++) if (present[u * P + pi]) scored.push(u * P + pi);
  if (!scored.length) return;
  const [M, S] = meanSd(scored.map((i) => raw[i]));
  const byScorer = new Map<number, number[]>(); // -1: no scorer
  for (const i of scored) {
    const list = byScorer.get(main[i]);
    if (list) list.push(i);
    else byScorer.set(main[i], [i]);
  }
  for (const group of byScorer.values()) {
    const [m, s] = meanSd(group.map((i) => raw[i]));
    for (const i of group) total[i] = s > 0 ? M + (S * (raw[i] - m)) / s : M;
  }
}
