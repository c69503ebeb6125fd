// A live ranking keeps each unit's parts and computes again only those of the units whose sheets or verification
// changed (src/lib/ranking.ts, unitParts). Whatever the edits, it must equal a ranking computed whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeStandings, type RankingInput } from '../../src/lib/ranking.ts';
import { gridShape, type EngineHolder } from '../../src/lib/ranking-matrix.ts';
import { periodMeans } from '../../src/lib/ranking-standing.ts';
import type { Standings, TieBreak } from '../../src/ranking/types.ts';

const GROUPS = ['A', 'B', 'T', 'K'];
const KIND = { A: 'NORMAL', B: 'NORMAL', T: 'BONUS', K: 'PENALTY' } as const;
const POINTS = [-100, 0, 50, 100, 200, 250, 500, 725, 1000, 2500]; // hundredths, some out of bounds

/** One edit between two rankings: which units, and what changes for each. */
const edit = fc.record({
  units: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  rows: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
  verify: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  scorer: fc.constantFrom(-1, 1, 2, 3),
  marked: fc.boolean(), // rewritten sheets are marked dirty (as src/ranking/live.ts does); else only the mask and the scorer moved
});

const cases = (maxUnits: number) => fc.record({
  criteria: fc.array(fc.record({ group: fc.constantFrom(...GROUPS), max: fc.integer({ min: 1, max: 20 }), weight: fc.constantFrom(0.5, 1, 1.5, 2) }), { minLength: 1, maxLength: 5 }),
  open: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  periodCount: fc.integer({ min: 1, max: 3 }),
  unitCount: fc.integer({ min: 1, max: maxUnits }),
  seed: fc.array(fc.nat(), { minLength: 300, maxLength: 300 }),
  tieBreaks: fc.array(
    fc.oneof(
      fc.constantFrom(...GROUPS).map((groupCode): TieBreak => ({ kind: 'group', groupCode })),
      fc.constant<TieBreak>({ kind: 'fewerPenalty' }),
      fc.constant<TieBreak>({ kind: 'latestPeriod' }),
    ),
    { maxLength: 2 },
  ),
  totalMode: fc.constantFrom<'SUM' | 'AVERAGE'>('SUM', 'AVERAGE'),
  normalize: fc.boolean(),
  edits: fc.array(edit, { minLength: 1, maxLength: 5 }),
});

const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

/** periodMeans, read from the engine's arrays, against the mean of the built period totals (a missing total counts 0) */
function assertMeans(s: Standings): void {
  const sums = new Map<number, number>();
  for (const u of s.standings) for (const p of u.periodTotals) sums.set(p.periodId, (sums.get(p.periodId) ?? 0) + (p.total ?? 0));
  const means = periodMeans(s.standings);
  if (!s.standings.length) return assert.equal(means, null);
  assert.deepEqual(means, new Map([...sums].map(([id, sum]) => [id, sum / s.standings.length])));
}

/**
 * Kept parts after any edits give the ranking computed whole; and a ranking handed out earlier, its breakdown read
 * only after later rankings were computed, still shows what it was computed from (the kept blocks are copied before
 * a unit in them is computed again, never written in place).
 */
function keptEqualsWhole(maxUnits: number, numRuns: number): void {
  fc.assert(
    fc.property(cases(maxUnits), (r) => {
      const criteria = r.criteria.map((c, i) => ({ id: i + 1, code: `${c.group}${i}`, groupCode: c.group, kind: KIND[c.group as keyof typeof KIND], max: c.max, weight: c.weight }));
      const periods = Array.from({ length: r.periodCount }, (_, i) => ({ id: 100 + i, seq: i + 1, name: `P${i + 1}`, open: r.open[i] }));
      const units = Array.from({ length: r.unitCount }, (_, i) => ({ id: 10 + i, code: `U${i}`, name: `Unit ${i}` }));
      const base: Omit<RankingInput, 'grid'> = {
        campaignId: 1,
        totalMode: r.totalMode,
        tieBreaks: r.tieBreaks,
        classRules: { thresholds: { XUAT_SAC: 90, TOT: 80, KHA: 65, TRUNG_BINH: 50 }, conditions: [{ class: 'XUAT_SAC', noPenaltyInGroup: 'K' }] },
        normalize: r.normalize,
        groups: GROUPS.map((code) => ({ code, title: code })),
        criteria,
        periods,
        units,
        cells: [],
      };
      const shape = gridShape(base);
      const U = shape.unitIds.length, A = shape.periodIds.length, C = shape.criterionIds.length;
      let k = 0;
      const next = () => r.seed[k++ % r.seed.length];
      const sums = Float64Array.from({ length: U * A * C }, () => POINTS[next() % POINTS.length]);
      const scorer = Int32Array.from({ length: U * A }, () => (next() % 4) - 1);
      const verified = Uint8Array.from({ length: U * A }, () => (next() % 5 ? 1 : 0));
      const engine: EngineHolder = { parts: null, dirty: new Set() };
      const live = () => computeStandings({ ...base, grid: { ...shape, sums, scorer, verified, engine } });
      const whole = () => computeStandings({ ...base, grid: { ...shape, sums, scorer, verified } });
      assert.deepEqual(json(live()), json(whole()));
      assertMeans(live());
      let earlier = live(); // handed out: its breakdown is read only after the edits below
      let earlierWhole = json(whole());
      for (const e of r.edits) {
        for (const raw of e.units) {
          const u = raw % U;
          for (let a = 0; a < A; a++) {
            for (let c = 0; c < C; c++) if (e.marked) sums[(u * A + a) * C + c] = POINTS[e.rows[(a * C + c) % e.rows.length] % POINTS.length];
            verified[u * A + a] = e.verify[a] ? 1 : verified[u * A + a];
            if (!e.verify[a] && e.rows[a] % 3 === 0) verified[u * A + a] = 0;
            scorer[u * A + a] = e.scorer;
          }
          if (e.marked) engine.dirty.add(u);
        }
        const now = live();
        assert.deepEqual(json(earlier), earlierWhole, 'a ranking handed out before the edit is unchanged');
        earlier = live(); // the same parts as `now`, nothing computed again: kept unread for the next edit
        earlierWhole = json(whole());
        assert.deepEqual(json(now), earlierWhole);
        assertMeans(now);
      }
    }),
    { numRuns },
  );
}

test('a ranking computed from the kept unit parts after any edits equals one computed whole', () => keptEqualsWhole(8, 300));

test('the same across blocks of kept parts (up to 200 units: several blocks of 64)', () => keptEqualsWhole(200, 60));

test('kept parts are used only under the same periods counted: a period closing recomputes every unit', () => {
  const base: Omit<RankingInput, 'grid'> = {
    campaignId: 1,
    totalMode: 'AVERAGE',
    tieBreaks: [],
    classRules: { thresholds: { XUAT_SAC: 90, TOT: 80, KHA: 65, TRUNG_BINH: 50 } },
    normalize: false,
    groups: [{ code: 'A', title: 'A' }],
    criteria: [{ id: 1, code: 'A1', groupCode: 'A', kind: 'NORMAL', max: 10, weight: 1 }],
    periods: [
      { id: 1, seq: 1, name: 'P1', open: true },
      { id: 2, seq: 2, name: 'P2', open: true },
    ],
    units: [
      { id: 1, code: 'U1', name: 'U1' },
      { id: 2, code: 'U2', name: 'U2' },
    ],
    cells: [],
  };
  const shape = gridShape(base);
  const sums = Float64Array.from([800, 600, 400, 1000]);
  const scorer = new Int32Array(4).fill(-1);
  const verified = Uint8Array.from([1, 1, 1, 0]);
  const engine: EngineHolder = { parts: null, dirty: new Set() };
  const first = computeStandings({ ...base, grid: { ...shape, sums, scorer, verified, engine } });
  assert.deepEqual(first.periods.map((p) => p.id), [1], 'only P1 has every unit verified');
  // P2 closes: it now counts for every unit, though no sheet moved and nothing is marked
  const closed = { ...base, periods: [base.periods[0], { ...base.periods[1], open: false }] };
  const after = computeStandings({ ...closed, grid: { ...shape, sums, scorer, verified, engine } });
  assert.deepEqual(json(after), json(computeStandings({ ...closed, grid: { ...shape, sums, scorer, verified } })));
  assert.deepEqual(after.periods.map((p) => p.id), [2]);
  assert.equal(after.standings.find((s) => s.unitId === 2)!.total, 0, 'U2 is not verified in P2: it counts 0 there');
});
