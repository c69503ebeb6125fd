import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cmpPoints, computeStandings, type RankingInput } from '../../src/lib/ranking.ts';
import type { Standings, TieBreak, UnitStanding } from '../../src/ranking/types.ts';

const GROUPS = ['A', 'B', 'T', 'K'];
const KIND = { A: 'NORMAL', B: 'NORMAL', T: 'BONUS', K: 'PENALTY' } as const;

/** Random campaigns: a few criteria per group, 1–3 periods, 1–9 units, scores in hundredths (some out of bounds). */
const inputs: fc.Arbitrary<RankingInput> = fc
  .record({
    criteria: fc.array(
      fc.record({
        group: fc.constantFrom(...GROUPS),
        max: fc.integer({ min: 1, max: 20 }),
        weight: fc.constantFrom(0.5, 1, 1.5, 2),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    periodCount: fc.integer({ min: 1, max: 3 }),
    unitCount: fc.integer({ min: 1, max: 9 }),
    // a small pool of point values makes ties common
    points: fc.array(fc.constantFrom(-1, 0, 0.5, 1, 2, 2.5, 5, 7.25, 10, 25), { minLength: 200, maxLength: 200 }),
    present: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 200, maxLength: 200 }),
    scorers: fc.array(fc.constantFrom(1, 2, 3), { minLength: 200, maxLength: 200 }),
    tieBreaks: fc.array(
      fc.oneof(
        fc.constantFrom(...GROUPS).map((groupCode): TieBreak => ({ kind: 'group', groupCode })),
        fc.constant<TieBreak>({ kind: 'fewerPenalty' }),
        fc.constant<TieBreak>({ kind: 'latestPeriod' }),
      ),
      { maxLength: 3 },
    ),
    totalMode: fc.constantFrom<'SUM' | 'AVERAGE'>('SUM', 'AVERAGE'),
    normalize: fc.boolean(),
  })
  .map((r) => {
    const criteria = r.criteria.map((c, i) => ({ id: i + 1, code: `${c.group}${i}`, groupCode: c.group, kind: KIND[c.group as keyof typeof KIND], max: c.max, weight: c.weight }));
    const periods = Array.from({ length: r.periodCount }, (_, i) => ({ id: 100 + i, seq: i + 1, name: `P${i + 1}` }));
    const units = Array.from({ length: r.unitCount }, (_, i) => ({ id: 10 + i, code: `U${String(i).padStart(2, '0')}`, name: `Unit ${i}` }));
    const cells = [];
    let n = 0;
    for (const u of units) {
      for (const p of periods) {
        for (const c of criteria) {
          const k = n++ % 200;
          if (r.present[k] < 2) continue; // about one cell in five is missing; whole unit-periods sometimes are
          cells.push({ unitId: u.id, periodId: p.id, criterionId: c.id, points: r.points[k], scorerId: r.scorers[(k + u.id) % 200] });
        }
      }
    }
    return {
      campaignId: 1,
      totalMode: r.totalMode,
      tieBreaks: r.tieBreaks,
      classRules: { thresholds: { XUAT_SAC: 90, TOT: 80, KHA: 65, TRUNG_BINH: 50 }, conditions: [{ class: 'XUAT_SAC' as const, noPenaltyInGroup: 'K' }] },
      normalize: r.normalize,
      groups: GROUPS.map((code) => ({ code, title: code })),
      criteria,
      periods,
      units,
      cells,
    };
  });

/** The published comparator, re-implemented from the output: negative when a ranks above b. */
function compare(s: Standings, a: UnitStanding, b: UnitStanding): number {
  const t = cmpPoints(b.total, a.total);
  if (t) return t;
  for (const step of s.tieBreaks) {
    let x: number, y: number;
    if (step.kind === 'group') [x, y] = [a.groupTotals[step.groupCode] ?? 0, b.groupTotals[step.groupCode] ?? 0];
    else if (step.kind === 'fewerPenalty') [x, y] = [-a.penalty, -b.penalty];
    // a counted period without a verified score counts 0, also for the latest-period step
    else [x, y] = [a.periodTotals.length ? (a.periodTotals.at(-1)?.total ?? 0) : -Infinity, b.periodTotals.length ? (b.periodTotals.at(-1)?.total ?? 0) : -Infinity];
    const c = x === y ? 0 : cmpPoints(y, x);
    if (c) return c;
  }
  return 0;
}

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let a = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    const j = a % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

test('ranks agree with the comparator, which is a total preorder', () => {
  fc.assert(
    fc.property(inputs, (input) => {
      const s = computeStandings(input);
      const us = s.standings;
      for (const a of us) {
        for (const b of us) {
          const c = compare(s, a, b);
          // totality and antisymmetry of the preorder, and ranks that follow it
          assert.equal(Math.sign(c) + Math.sign(compare(s, b, a)), 0);
          assert.equal(Math.sign(a.rank - b.rank) - Math.sign(c), 0, `${a.code} vs ${b.code}`);
          for (const d of us) {
            if (c <= 0 && compare(s, b, d) <= 0) assert.ok(compare(s, a, d) <= 0, 'transitive');
          }
        }
      }
    }),
    { numRuns: 300 },
  );
});

test('ranks are standard competition ranks ("1224") and the list is sorted by rank, then code', () => {
  fc.assert(
    fc.property(inputs, (input) => {
      const us = computeStandings(input).standings;
      assert.equal(us.length, input.units.length);
      us.forEach((u, i) => {
        // rank = 1 + the number of units ranked strictly above
        assert.equal(u.rank, 1 + us.filter((v) => v.rank < u.rank).length);
        if (i > 0) {
          const p = us[i - 1];
          assert.ok(p.rank < u.rank || (p.rank === u.rank && p.code < u.code));
          assert.ok(u.rank === p.rank || u.rank === i + 1);
        }
      });
      if (us.length) assert.equal(us[0].rank, 1);
    }),
    { numRuns: 300 },
  );
});

test('the result does not depend on the order of units or cells', () => {
  fc.assert(
    fc.property(inputs, fc.integer(), (input, seed) => {
      const a = computeStandings(input);
      const b = computeStandings({ ...input, units: shuffle(input.units, seed), cells: shuffle(input.cells, seed + 1), criteria: shuffle(input.criteria, seed + 2) });
      // as JSON: every field of each standing, its breakdown (the class's getters) included
      assert.deepEqual(JSON.parse(JSON.stringify(b)), JSON.parse(JSON.stringify(a)));
    }),
    { numRuns: 300 },
  );
});

test('without normalisation a sum campaign’s total is the sum of its period totals, and each of those adds up its criteria', () => {
  fc.assert(
    fc.property(inputs, (input) => {
      const s = computeStandings({ ...input, normalize: false, totalMode: 'SUM' });
      for (const u of s.standings) {
        const sum = u.periodTotals.reduce((t, p) => t + (p.total ?? 0), 0);
        assert.ok(Math.abs(sum - u.total) < 1e-9);
        const fromCriteria = u.criteria.reduce((t, c) => t + (c.kind === 'PENALTY' ? -c.points : c.points), 0);
        assert.ok(Math.abs(fromCriteria - u.total) < 1e-9);
        for (const c of u.criteria) assert.ok(c.points >= 0 && c.points <= c.max + 1e-9, 'clamped to bounds');
      }
    }),
    { numRuns: 300 },
  );
});
