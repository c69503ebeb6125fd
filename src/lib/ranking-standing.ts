// One unit's standing as the ranking engine (./ranking.ts) hands it out: the totals it ranked by, and a breakdown
// (criteria, period totals, groups, missing and provisional periods) built only when first read.
import type { ClassCode, CriterionBreakdown, PeriodRef, TieBreak, UnitStanding } from '../ranking/types.ts';
import type { RankingPeriod, RankingUnit } from './ranking.ts';
import { MICRO, type Matrix } from './ranking-matrix.ts';

/** What the comparator and the output read for one unit over a set of periods (micro units, averaged if so). */
export type Agg = {
  unit: RankingUnit;
  u: number;
  total: number;
  rawTotal: number;
  penalty: number;
  bonus: number;
  /** the unit's group sums are `groups[go … go + G)`, and (current aggregates only) its criteria `criteria[co … co + C)` */
  groups: Float64Array;
  go: number;
  criteria: Float64Array;
  co: number;
  latest: number | null;
  scored: number;
};

/** What a unit's breakdown is built from when first read: small arrays only (never the matrix's cells). */
export type Out = {
  crits: Matrix['crits'];
  groupCodes: string[];
  periods: RankingPeriod[];
  refs: PeriodRef[];
  idx: number[];
  extra: number[];
  P: number;
  present: Uint8Array;
  total: Float64Array;
  raw: Float64Array;
  factor: number;
};

/** What one standing's breakdown is built from, and the parts built so far. */
type Lazy = {
  o: Out;
  agg: Agg;
  criteria?: CriterionBreakdown[];
  periodTotals?: UnitStanding['periodTotals'];
  groupTotals?: Record<string, number>;
  missingPeriods?: PeriodRef[];
  provisional?: UnitStanding['provisional'];
};
const LAZY = Symbol('breakdown');
const lazyOf = (s: object) => (s as { [LAZY]: Lazy })[LAZY];
const cellTotal = (z: Lazy, pi: number, a: Float64Array) => (z.o.present[z.agg.u * z.o.P + pi] ? a[z.agg.u * z.o.P + pi] / MICRO : null);

/**
 * The breakdown's getters, the same functions for every standing: each reads the standing's own hidden state.
 * (Getters written in each standing's literal made six closures and a hidden class of its own per unit, 2 kB
 * a unit and half of a national ranking's garbage: bench allocation profile.)
 */
const BREAKDOWN: PropertyDescriptorMap = {
  periodTotals: {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const z = lazyOf(this);
      return (z.periodTotals ??= z.o.idx.map((pi) => ({ periodId: z.o.periods[pi].id, seq: z.o.periods[pi].seq, name: z.o.periods[pi].name, total: cellTotal(z, pi, z.o.total), raw: cellTotal(z, pi, z.o.raw) })));
    },
  },
  groupTotals: {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const z = lazyOf(this);
      return (z.groupTotals ??= Object.fromEntries(z.o.groupCodes.map((g, gi) => [g, z.agg.groups[z.agg.go + gi] / MICRO])));
    },
  },
  criteria: {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const z = lazyOf(this);
      return (z.criteria ??= z.o.crits.map((c, k) => ({ criterionId: c.id, code: c.code, groupCode: c.groupCode, kind: c.kind, points: z.agg.criteria[z.agg.co + k] / MICRO, max: (c.microMax * z.o.factor) / MICRO })));
    },
  },
  missingPeriods: {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const z = lazyOf(this);
      return (z.missingPeriods ??= z.o.idx.filter((pi) => !z.o.present[z.agg.u * z.o.P + pi]).map((pi) => z.o.refs[pi]));
    },
  },
  provisional: {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const z = lazyOf(this);
      return (z.provisional ??= z.o.extra.map((pi) => ({ ...z.o.refs[pi], total: cellTotal(z, pi, z.o.total) })));
    },
  },
};

/**
 * One unit's standing. Its breakdown (criteria, period totals, groups, missing and provisional periods) is built
 * when first read, then kept: pages show 100 units of 5,000, and building all of them was most of a ranking's
 * time and garbage (150,000 criterion entries). The getters are own enumerable properties, so spreading,
 * comparing or serialising a standing sees the same fields as before; the state they read is a non-enumerable
 * symbol property, which none of those see.
 */
export function standingOf(o: Out, agg: Agg, rank: number, decidedBy: TieBreak | null, previousRank: number | null, klass: ClassCode, percent: number): UnitStanding {
  const s = {
    unitId: agg.unit.id,
    code: agg.unit.code,
    name: agg.unit.name,
    rank,
    total: agg.total / MICRO,
    bonus: agg.bonus / MICRO,
    penalty: agg.penalty / MICRO,
    class: klass,
    decidedBy,
    previousRank,
    rawTotal: agg.rawTotal / MICRO,
    scoredPeriods: agg.scored,
    percent,
  };
  Object.defineProperty(s, LAZY, { value: { o, agg } satisfies Lazy });
  return Object.defineProperties(s, BREAKDOWN) as UnitStanding;
}

/**
 * The mean of each counted period's total over `list` (a unit without a total there counts 0), read from the
 * engine's arrays so that no unit's breakdown is built (the dashboards' trend line: 60,000 period entries at national
 * scale on every view after a save). The sums run in list order, as a sum over `periodTotals` would. Null when the
 * standings are not all from one computation of the engine (a published snapshot's are plain objects).
 */
export function periodMeans(list: readonly UnitStanding[]): Map<number, number> | null {
  const o = list.length ? lazyOf(list[0])?.o : undefined;
  if (!o) return null;
  const sums = new Float64Array(o.idx.length);
  for (const s of list) {
    const z = lazyOf(s);
    if (z?.o !== o) return null;
    const base = z.agg.u * o.P;
    for (let j = 0; j < o.idx.length; j++) sums[j] += o.present[base + o.idx[j]] ? o.total[base + o.idx[j]] / MICRO : 0;
  }
  return new Map(o.idx.map((pi, j) => [o.periods[pi].id, sums[j] / list.length]));
}
