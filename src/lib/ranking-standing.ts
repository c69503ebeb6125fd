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
const cellTotal = (z: Lazy, pi: number, a: Float64Array) => (z.o.present[z.agg.u * z.o.P + pi] ? a[z.agg.u * z.o.P + pi] / MICRO : null);

/**
 * One unit's standing as the engine hands it out. The ranked figures are its own fields; its breakdown (criteria,
 * period totals, groups, missing and provisional periods) is built when first read, then kept: pages show 100 units
 * of 5,000, and building all of them was most of a ranking's time and garbage (150,000 criterion entries). The
 * breakdown's getters are the class's, so making a standing costs what a plain object does (own getters defined on
 * each of 5,000 standings took 13 ms of a 33 ms national catch-up: bench/README.md, eighth round). `toJSON` gives
 * every field, breakdown included, so serialising one (a published snapshot, a test's comparison) sees them all;
 * spreading one copies only the ranked figures (src/ranking/present.ts names the breakdown it passes on).
 */
class Standing {
  readonly #z: Lazy;
  readonly unitId: number;
  readonly code: string;
  readonly name: string;
  readonly rank: number;
  readonly total: number;
  readonly bonus: number;
  readonly penalty: number;
  readonly class: ClassCode;
  readonly decidedBy: TieBreak | null;
  readonly previousRank: number | null;
  readonly rawTotal: number;
  readonly scoredPeriods: number;
  readonly percent: number;

  constructor(o: Out, agg: Agg, rank: number, decidedBy: TieBreak | null, previousRank: number | null, klass: ClassCode, percent: number) {
    this.#z = { o, agg };
    this.unitId = agg.unit.id;
    this.code = agg.unit.code;
    this.name = agg.unit.name;
    this.rank = rank;
    this.total = agg.total / MICRO;
    this.bonus = agg.bonus / MICRO;
    this.penalty = agg.penalty / MICRO;
    this.class = klass;
    this.decidedBy = decidedBy;
    this.previousRank = previousRank;
    this.rawTotal = agg.rawTotal / MICRO;
    this.scoredPeriods = agg.scored;
    this.percent = percent;
  }

  /** the hidden state of an engine's standing; undefined for any other object (a published snapshot's are plain) */
  static stateOf(s: object): Lazy | undefined {
    return #z in s ? (s as Standing).#z : undefined;
  }

  get periodTotals(): UnitStanding['periodTotals'] {
    const z = this.#z;
    return (z.periodTotals ??= z.o.idx.map((pi) => ({ periodId: z.o.periods[pi].id, seq: z.o.periods[pi].seq, name: z.o.periods[pi].name, total: cellTotal(z, pi, z.o.total), raw: cellTotal(z, pi, z.o.raw) })));
  }

  get groupTotals(): Record<string, number> {
    const z = this.#z;
    return (z.groupTotals ??= Object.fromEntries(z.o.groupCodes.map((g, gi) => [g, z.agg.groups[z.agg.go + gi] / MICRO])));
  }

  get criteria(): CriterionBreakdown[] {
    const z = this.#z;
    return (z.criteria ??= z.o.crits.map((c, k) => ({ criterionId: c.id, code: c.code, groupCode: c.groupCode, kind: c.kind, points: z.agg.criteria[z.agg.co + k] / MICRO, max: (c.microMax * z.o.factor) / MICRO })));
  }

  get missingPeriods(): PeriodRef[] {
    const z = this.#z;
    return (z.missingPeriods ??= z.o.idx.filter((pi) => !z.o.present[z.agg.u * z.o.P + pi]).map((pi) => z.o.refs[pi]));
  }

  get provisional(): NonNullable<UnitStanding['provisional']> {
    const z = this.#z;
    return (z.provisional ??= z.o.extra.map((pi) => ({ ...z.o.refs[pi], total: cellTotal(z, pi, z.o.total) })));
  }

  /** every field, as a plain object (the key order of the standings before they were a class) */
  toJSON(): UnitStanding {
    return {
      unitId: this.unitId, code: this.code, name: this.name, rank: this.rank, total: this.total, bonus: this.bonus, penalty: this.penalty,
      class: this.class, decidedBy: this.decidedBy, previousRank: this.previousRank, rawTotal: this.rawTotal, scoredPeriods: this.scoredPeriods,
      percent: this.percent, periodTotals: this.periodTotals, groupTotals: this.groupTotals, criteria: this.criteria,
      missingPeriods: this.missingPeriods, provisional: this.provisional,
    };
  }
}

/** One unit's standing (see Standing). */
export function standingOf(o: Out, agg: Agg, rank: number, decidedBy: TieBreak | null, previousRank: number | null, klass: ClassCode, percent: number): UnitStanding {
  return new Standing(o, agg, rank, decidedBy, previousRank, klass, percent);
}

/** A standing as a plain object with every field (an engine's, or one already plain, copied). */
export function plainStanding(s: UnitStanding): UnitStanding {
  return s instanceof Standing ? s.toJSON() : { ...s };
}

/**
 * The mean of each counted period's total over `list` (a unit without a total there counts 0), read from the
 * engine's arrays so that no unit's breakdown is built (the dashboards' trend line: 60,000 period entries at national
 * scale on every view after a save). The sums run in list order, as a sum over `periodTotals` would. Null when the
 * standings are not all from one computation of the engine (a published snapshot's are plain objects).
 */
export function periodMeans(list: readonly UnitStanding[]): Map<number, number> | null {
  const o = list.length ? Standing.stateOf(list[0])?.o : undefined;
  if (!o) return null;
  const sums = new Float64Array(o.idx.length);
  for (const s of list) {
    const z = Standing.stateOf(s);
    if (z?.o !== o) return null;
    const base = z.agg.u * o.P;
    for (let j = 0; j < o.idx.length; j++) sums[j] += o.present[base + o.idx[j]] ? o.total[base + o.idx[j]] / MICRO : 0;
  }
  return new Map(o.idx.map((pi, j) => [o.periods[pi].id, sums[j] / list.length]));
}
