import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeStandings, type RankingCriterion, type RankingInput, type ScoreCell } from '../../src/lib/ranking.ts';
import type { Standings, UnitStanding } from '../../src/ranking/types.ts';
import { rankingRows } from '../../src/ranking/present.ts';
import { formatters, type Translate } from '../../src/i18n/index.ts';

// A small campaign: group A (two normal criteria, A2 weighted 2), group B (one normal), bonus T, penalty K.
// One period's normal maximum: 10 + 5×2 + 10 = 30.
const CRITERIA: RankingCriterion[] = [
  { id: 1, code: 'A1', groupCode: 'A', kind: 'NORMAL', max: 10, weight: 1 },
  { id: 2, code: 'A2', groupCode: 'A', kind: 'NORMAL', max: 5, weight: 2 },
  { id: 3, code: 'B1', groupCode: 'B', kind: 'NORMAL', max: 10, weight: 1 },
  { id: 4, code: 'T1', groupCode: 'T', kind: 'BONUS', max: 3, weight: 1 },
  { id: 5, code: 'K1', groupCode: 'K', kind: 'PENALTY', max: 4, weight: 1 },
];
const UNITS = ['U1', 'U2', 'U3', 'U4'].map((code, i) => ({ id: i + 1, code, name: `Unit ${code}` }));
const P1 = { id: 11, seq: 1, name: 'P1' };
const P2 = { id: 12, seq: 2, name: 'P2' };
const P3 = { id: 13, seq: 3, name: 'P3' };

/** cells for one unit in one period from [A1, A2, B1, T1, K1] points (undefined = no cell) */
function row(unitId: number, periodId: number, pts: (number | undefined)[], scorerId: number | null = 100): ScoreCell[] {
  return pts.flatMap((points, i) => (points === undefined ? [] : [{ unitId, periodId, criterionId: i + 1, points, scorerId }]));
}

function run(cells: ScoreCell[], over: Partial<RankingInput> = {}): Standings {
  return computeStandings({
    campaignId: 1,
    totalMode: 'SUM',
    tieBreaks: [],
    classRules: { thresholds: { XUAT_SAC: 90, TOT: 80, KHA: 65, TRUNG_BINH: 50 }, conditions: [{ class: 'XUAT_SAC', noPenaltyInGroup: 'K' }] },
    normalize: false,
    groups: [
      { code: 'A', title: 'Group A' },
      { code: 'B', title: 'Group B' },
      { code: 'T', title: 'Bonus' },
      { code: 'K', title: 'Penalty' },
    ],
    criteria: CRITERIA,
    periods: [P1, P2, P3],
    units: UNITS,
    cells,
    ...over,
  });
}
const unit = (s: Standings, code: string): UnitStanding => s.standings.find((u) => u.code === code)!;
const ranks = (s: Standings) => Object.fromEntries(s.standings.map((u) => [u.code, u.rank]));

test('period total = weighted normal points + bonus − penalty', () => {
  const s = run(row(1, 11, [8, 4, 7, 2, 1]));
  // 8 + 4×2 + 7 + 2 − 1 = 24
  assert.equal(unit(s, 'U1').total, 24);
  assert.deepEqual(unit(s, 'U1').groupTotals, { A: 16, B: 7, T: 2, K: 1 });
  assert.equal(unit(s, 'U1').bonus, 2);
  assert.equal(unit(s, 'U1').penalty, 1);
  assert.equal(s.periodMax, 30);
  assert.deepEqual(s.groups.map((g) => [g.code, g.kind, g.max]), [['A', 'NORMAL', 20], ['B', 'NORMAL', 10], ['T', 'BONUS', 3], ['K', 'PENALTY', 4]]);
});

test('a standing serialises every field, its breakdown included; a ranking row carries the breakdown; each part is built once', () => {
  const s = run([...row(1, 11, [8, 4, 7, 2, 1]), ...row(2, 11, [10, 5, 10, 0, 0])]);
  const u1 = unit(s, 'U1');
  assert.equal(u1.criteria, u1.criteria, 'built on first read, then kept');
  const json = JSON.parse(JSON.stringify(u1)) as Record<string, unknown>;
  assert.deepEqual(Object.keys(json), ['unitId', 'code', 'name', 'rank', 'total', 'bonus', 'penalty', 'class', 'decidedBy', 'previousRank', 'rawTotal', 'scoredPeriods', 'percent', 'periodTotals', 'groupTotals', 'criteria', 'missingPeriods', 'provisional']);
  assert.deepEqual(json.groupTotals, { A: 16, B: 7, T: 2, K: 1 });
  assert.deepEqual(json.periodTotals, [{ periodId: 11, seq: 1, name: 'P1', total: 24, raw: 24 }]);
  assert.equal((json.criteria as unknown[]).length, 5);
  const t = ((k: string) => k) as Translate;
  const [row1] = rankingRows(t, formatters('vi'), s, [u1]);
  assert.deepEqual([row1.groupTotals, row1.periodTotals, row1.criteria, row1.missingPeriods, row1.provisional], [u1.groupTotals, u1.periodTotals, u1.criteria, u1.missingPeriods, u1.provisional]);
  assert.equal(row1.total, 24);
  assert.equal(row1.totalText, '24');
});

test('points are clamped to each criterion’s bounds, bonus and penalty included', () => {
  const s = run([...row(1, 11, [12, -3, 10, 9, 0]), ...row(2, 11, [0, 0, 0, -2, 50])]);
  // U1: 10 (A1 capped) + 0 (negative A2) + 10 + 3 (bonus capped at 3) − 0 = 23
  assert.equal(unit(s, 'U1').total, 23);
  assert.equal(unit(s, 'U1').bonus, 3);
  // U2: penalty capped at 4, negative bonus counts 0
  assert.equal(unit(s, 'U2').total, -4);
  assert.equal(unit(s, 'U2').penalty, 4);
  assert.equal(unit(s, 'U2').bonus, 0);
  const a1 = unit(s, 'U1').criteria.find((c) => c.code === 'A1')!;
  assert.deepEqual([a1.points, a1.max], [10, 10]);
});

test('missing cells count 0 for a verified unit; a unit with no verified cells has a null period total', () => {
  const s = run([...row(1, 11, [5]), ...row(2, 12, [6])]);
  assert.deepEqual(s.periods.map((p) => p.seq), [1, 2], 'period 3 has no verified scores and is not counted');
  assert.deepEqual(unit(s, 'U1').periodTotals.map((p) => p.total), [5, null]);
  assert.deepEqual(unit(s, 'U2').periodTotals.map((p) => p.total), [null, 6]);
  assert.deepEqual(unit(s, 'U3').periodTotals.map((p) => p.total), [null, null]);
  assert.equal(unit(s, 'U3').total, 0);
  assert.equal(unit(s, 'U3').class, 'YEU');
  assert.equal(unit(s, 'U3').scoredPeriods, 0);
});

test('a unit verified without any cells counts 0 in that period, not null', () => {
  const s = run(row(1, 11, [5]), { verified: [{ unitId: 2, periodId: 11 }] });
  assert.deepEqual(unit(s, 'U2').periodTotals.map((p) => p.total), [0]);
  assert.equal(unit(s, 'U3').periodTotals[0].total, null);
});

test('sum and average campaign totals over the same counted periods for every unit; a missing period counts 0', () => {
  const cells = [...row(1, 11, [10]), ...row(1, 12, [6]), ...row(2, 11, [9])];
  const sum = run(cells);
  assert.equal(unit(sum, 'U1').total, 16);
  assert.equal(unit(sum, 'U2').total, 9);
  assert.deepEqual(unit(sum, 'U2').missingPeriods?.map((p) => p.seq), [2]);
  const avg = run(cells, { totalMode: 'AVERAGE' });
  assert.equal(unit(avg, 'U1').total, 8);
  assert.equal(unit(avg, 'U2').total, 4.5, 'the average counts the period where the unit has no verified scores as 0');
  assert.deepEqual(ranks(avg), { U1: 1, U2: 2, U3: 3, U4: 3 });
  assert.equal(unit(avg, 'U1').groupTotals.A, 8, 'group totals are averaged like the total');
  const a1 = unit(sum, 'U1').criteria.find((c) => c.code === 'A1')!;
  assert.deepEqual([a1.points, a1.max], [16, 20], 'in a sum campaign a criterion’s max covers the unit’s scored periods');
});

test('units with the same total and no tie-break share the rank, and the next rank skips ("1224")', () => {
  const s = run([...row(1, 11, [9]), ...row(2, 11, [7]), ...row(3, 11, [7]), ...row(4, 11, [3])]);
  assert.deepEqual(ranks(s), { U1: 1, U2: 2, U3: 2, U4: 4 });
  assert.deepEqual(s.standings.map((u) => u.code), ['U1', 'U2', 'U3', 'U4'], 'sorted by rank, then code');
  assert.equal(unit(s, 'U3').decidedBy, null);
});

test('tie-break "more points in group X" separates equal totals', () => {
  // both 20: U1 has A=10, B=10; U2 has A=14 (A1 4 + A2 5×2), B=6
  const cells = [...row(1, 11, [10, 0, 10]), ...row(2, 11, [4, 5, 6])];
  const byB = run(cells, { tieBreaks: [{ kind: 'group', groupCode: 'B' }] });
  assert.deepEqual([unit(byB, 'U1').rank, unit(byB, 'U2').rank], [1, 2]);
  assert.deepEqual(unit(byB, 'U2').decidedBy, { kind: 'group', groupCode: 'B' });
  assert.equal(unit(byB, 'U1').decidedBy, null);
  const byA = run(cells, { tieBreaks: [{ kind: 'group', groupCode: 'A' }] });
  assert.deepEqual([unit(byA, 'U2').rank, unit(byA, 'U1').rank], [1, 2]);
  assert.deepEqual(unit(byA, 'U1').decidedBy, { kind: 'group', groupCode: 'A' });
});

test('tie-break "fewer penalty points" prefers the unit with fewer penalties', () => {
  // both 10: U1 = 12 − 2, U2 = 10 − 0
  const cells = [...row(1, 11, [10, 1, 0, 0, 2]), ...row(2, 11, [10])];
  const s = run(cells, { tieBreaks: [{ kind: 'fewerPenalty' }] });
  assert.deepEqual([unit(s, 'U2').rank, unit(s, 'U1').rank], [1, 2]);
  assert.deepEqual(unit(s, 'U1').decidedBy, { kind: 'fewerPenalty' });
});

test('tie-break "higher latest period" prefers the unit that finished stronger', () => {
  const cells = [...row(1, 11, [10]), ...row(1, 12, [4]), ...row(2, 11, [5]), ...row(2, 12, [9])];
  const s = run(cells, { tieBreaks: [{ kind: 'latestPeriod' }] });
  assert.deepEqual([unit(s, 'U2').rank, unit(s, 'U1').rank], [1, 2]);
  assert.deepEqual(unit(s, 'U1').decidedBy, { kind: 'latestPeriod' });
});

test('the chain is applied in order: a later step only decides when earlier steps tie', () => {
  // all three total 10 and have B = 0. Penalty: U1 2, U2 0, U3 0. Latest period (P2): U2 6, U3 4.
  const cells = [
    ...row(1, 11, [6, 0, 0, 0, 2]), ...row(1, 12, [6]),
    ...row(2, 11, [4]), ...row(2, 12, [6]),
    ...row(3, 11, [6]), ...row(3, 12, [4]),
  ];
  const chain = [{ kind: 'group', groupCode: 'B' }, { kind: 'fewerPenalty' }, { kind: 'latestPeriod' }] as const;
  const s = run(cells, { tieBreaks: [...chain] });
  assert.deepEqual(s.standings.slice(0, 3).map((u) => [u.code, u.rank]), [['U2', 1], ['U3', 2], ['U1', 3]]);
  assert.deepEqual(unit(s, 'U3').decidedBy, { kind: 'latestPeriod' });
  assert.deepEqual(unit(s, 'U1').decidedBy, { kind: 'fewerPenalty' });
});

test('units still tied after the whole chain share the rank', () => {
  const cells = [...row(1, 11, [8, 0, 2]), ...row(2, 11, [8, 0, 2]), ...row(3, 11, [9, 0, 2]), ...row(4, 11, [1])];
  const s = run(cells, { tieBreaks: [{ kind: 'group', groupCode: 'B' }, { kind: 'fewerPenalty' }, { kind: 'latestPeriod' }] });
  assert.deepEqual(ranks(s), { U3: 1, U1: 2, U2: 2, U4: 4 });
  assert.equal(unit(s, 'U2').decidedBy, null);
});

test('totals equal up to floating-point noise count as a tie', () => {
  // 0.1 + 0.2 vs 0.3 in a weighted criterion and bonus
  const crit: RankingCriterion[] = [
    { id: 1, code: 'X1', groupCode: 'X', kind: 'NORMAL', max: 10, weight: 0.1 },
    { id: 2, code: 'X2', groupCode: 'X', kind: 'NORMAL', max: 10, weight: 0.2 },
    { id: 3, code: 'X3', groupCode: 'X', kind: 'NORMAL', max: 10, weight: 0.3 },
  ];
  const s = run(
    [
      { unitId: 1, periodId: 11, criterionId: 1, points: 1, scorerId: 1 },
      { unitId: 1, periodId: 11, criterionId: 2, points: 1, scorerId: 1 },
      { unitId: 2, periodId: 11, criterionId: 3, points: 1, scorerId: 1 },
    ],
    { criteria: crit, groups: [{ code: 'X', title: 'X' }], units: UNITS.slice(0, 2) },
  );
  assert.deepEqual(ranks(s), { U1: 1, U2: 1 });
  assert.equal(unit(s, 'U1').total, 0.3);
});

test('classification reads the average period total as a percent of one period’s maximum', () => {
  // period max 30: 27 → 90% Xuất sắc, 24 → 80% Tốt, 19.5 → 65% Khá, 15 → 50% Trung bình, 14.9 → Yếu
  const cells = [...row(1, 11, [10, 5, 7]), ...row(2, 11, [10, 5, 4]), ...row(3, 11, [9.5, 5]), ...row(4, 11, [10, 2.5])];
  const s = run(cells);
  assert.deepEqual(s.standings.map((u) => [u.code, u.class]), [['U1', 'XUAT_SAC'], ['U2', 'TOT'], ['U3', 'KHA'], ['U4', 'TRUNG_BINH']]);
  assert.equal(unit(s, 'U1').percent, 90);
  const low = run(row(1, 11, [10, 2.45]));
  assert.equal(unit(low, 'U1').class, 'YEU');
  // the same thresholds in a sum campaign over two periods: 27 and 27 → average 27 → 90%
  const two = run([...row(1, 11, [10, 5, 7]), ...row(1, 12, [10, 5, 7])]);
  assert.equal(unit(two, 'U1').total, 54);
  assert.equal(unit(two, 'U1').class, 'XUAT_SAC');
});

test('a condition "no penalty in group K" drops a unit to the next class whose rules it meets', () => {
  // 30 − 1 = 29 → 96.7%, but it has a penalty in K: not Xuất sắc, so Tốt
  const s = run(row(1, 11, [10, 5, 10, 0, 1]));
  assert.equal(unit(s, 'U1').class, 'TOT');
  const noCond = run(row(1, 11, [10, 5, 10, 0, 1]), { classRules: { thresholds: { XUAT_SAC: 90, TOT: 80 } } });
  assert.equal(unit(noCond, 'U1').class, 'XUAT_SAC');
  const strict = run(row(1, 11, [10, 5, 10, 0, 1]), {
    classRules: { thresholds: { XUAT_SAC: 90, TOT: 80, KHA: 65 }, conditions: [{ class: 'XUAT_SAC', noPenaltyInGroup: 'K' }, { class: 'TOT', noPenaltyInGroup: 'K' }] },
  });
  assert.equal(unit(strict, 'U1').class, 'KHA');
});

test('a class without a threshold is skipped', () => {
  const s = run(row(1, 11, [10, 5, 10]), { classRules: { thresholds: { TOT: 80, KHA: 65 } } });
  assert.equal(unit(s, 'U1').class, 'TOT');
});

test('previous rank is the rank without the latest counted period', () => {
  const cells = [...row(1, 11, [10]), ...row(2, 11, [5]), ...row(1, 12, [1]), ...row(2, 12, [9])];
  const s = run(cells);
  assert.deepEqual([unit(s, 'U2').rank, unit(s, 'U2').previousRank], [1, 2]);
  assert.deepEqual([unit(s, 'U1').rank, unit(s, 'U1').previousRank], [2, 1]);
  const one = run(row(1, 11, [10]));
  assert.equal(unit(one, 'U1').previousRank, null);
});

test('uptoSeq counts only the periods up to that sequence number', () => {
  const cells = [...row(1, 11, [10]), ...row(1, 12, [1]), ...row(2, 11, [5]), ...row(2, 12, [9])];
  const s = run(cells, { uptoSeq: 1 });
  assert.deepEqual(s.periods.map((p) => p.seq), [1]);
  assert.deepEqual(ranks(s), { U1: 1, U2: 2, U3: 3, U4: 3 });
});

test('normalisation is off by default and leaves totals as scored', () => {
  const s = run([...row(1, 11, [10], 100), ...row(2, 11, [6], 200)]);
  assert.equal(s.normalized, false);
  assert.equal(unit(s, 'U1').total, 10);
});

test('normalisation: each scorer’s z-scores are rescaled to the period’s mean and spread', () => {
  // scorer 100 is lenient (U1 10, U2 8), scorer 200 strict (U3 4, U4 0). Period mean 5.5, sd √14.75.
  const cells = [...row(1, 11, [10], 100), ...row(2, 11, [8], 100), ...row(3, 11, [4], 200), ...row(4, 11, [0], 200)];
  const s = run(cells, { normalize: true });
  const M = 5.5;
  const S = Math.sqrt(((10 - M) ** 2 + (8 - M) ** 2 + (4 - M) ** 2 + (0 - M) ** 2) / 4);
  // within each scorer z = ±1, so the top of each scorer gets M + S and the bottom M − S
  assert.ok(Math.abs(unit(s, 'U1').total - (M + S)) < 1e-9);
  assert.ok(Math.abs(unit(s, 'U3').total - (M + S)) < 1e-9);
  assert.ok(Math.abs(unit(s, 'U2').total - (M - S)) < 1e-9);
  assert.deepEqual(ranks(s), { U1: 1, U3: 1, U2: 3, U4: 3 });
  assert.equal(s.normalized, true);
  assert.equal(unit(s, 'U3').rawTotal, 4, 'the raw total is kept beside the normalised one');
  assert.equal(unit(s, 'U3').groupTotals.A, 4, 'the breakdown keeps the points as scored');
  assert.equal(unit(s, 'U3').periodTotals[0].raw, 4);
});

test('normalisation with a single scorer changes nothing', () => {
  const cells = [...row(1, 11, [10]), ...row(2, 11, [7]), ...row(3, 11, [3])];
  const plain = run(cells);
  const norm = run(cells, { normalize: true });
  for (const u of plain.standings) assert.ok(Math.abs(unit(norm, u.code).total - u.total) < 1e-9, u.code);
  assert.deepEqual(ranks(norm), ranks(plain));
});

test('normalisation attributes a unit to the scorer of most of its cells; a lone unit of a scorer gets the period mean', () => {
  const cells = [...row(1, 11, [10, 5, 1], 100), ...row(2, 11, [2, 1, 1], 100), { unitId: 3, periodId: 11, criterionId: 1, points: 9, scorerId: 300 }];
  const s = run(cells, { normalize: true });
  const mean = (21 + 5 + 9) / 3;
  assert.ok(Math.abs(unit(s, 'U3').total - mean) < 1e-9);
});

test('closed periods count for every unit; a unit verified early in an open period does not jump ahead', () => {
  const open2 = { ...P2, open: true };
  // every unit verified in closed P1; only U4 verified in open P2
  const cells = [...row(1, 11, [10, 5, 10]), ...row(2, 11, [9, 5, 10]), ...row(3, 11, [8]), ...row(4, 11, [7]), ...row(4, 12, [10, 5, 10])];
  const s = run(cells, { periods: [P1, open2, P3] });
  assert.equal(s.basis, 'closed');
  assert.deepEqual(s.periods.map((p) => p.seq), [1]);
  assert.deepEqual(s.provisionalPeriods?.map((p) => p.seq), [2]);
  assert.equal(unit(s, 'U4').total, 7, 'its open-period points are not in its total');
  assert.equal(unit(s, 'U4').rank, 4);
  assert.deepEqual(unit(s, 'U4').provisional, [{ id: 12, seq: 2, name: 'P2', total: 30 }]);
  assert.deepEqual(unit(s, 'U1').provisional, [{ id: 12, seq: 2, name: 'P2', total: null }]);
  assert.equal(unit(s, 'U4').class, 'YEU', 'the class reads the closed period only');
});

test('a unit missing a counted period gets 0 for it, and its class follows (the Bình Liêu case)', () => {
  // 93% in P1 for both; U2 has nothing verified in P2 (closed): (27.9 + 0) / 2 / 30 = 46.5%
  const cells = [...row(1, 11, [10, 5, 7.9]), ...row(1, 12, [10, 5, 7.9]), ...row(2, 11, [10, 5, 7.9])];
  const s = run(cells, { units: UNITS.slice(0, 2) });
  assert.equal(unit(s, 'U2').percent?.toFixed(1), '46.5');
  assert.equal(unit(s, 'U2').class, 'YEU');
  assert.deepEqual(unit(s, 'U2').missingPeriods?.map((p) => p.seq), [2]);
  assert.equal(unit(s, 'U1').class, 'XUAT_SAC');
});

test('with no period closed the standing is provisional over the periods every unit is verified in, else withheld', () => {
  const open = [P1, P2, P3].map((p) => ({ ...p, open: true }));
  const all = [...row(1, 11, [10]), ...row(2, 11, [9]), ...row(3, 11, [8]), ...row(4, 11, [7]), ...row(4, 12, [10, 5, 10])];
  const s = run(all, { periods: open });
  assert.equal(s.basis, 'allVerified');
  assert.deepEqual(s.periods.map((p) => p.seq), [1]);
  assert.deepEqual(s.provisionalPeriods?.map((p) => p.seq), [2]);
  assert.deepEqual(ranks(s), { U1: 1, U2: 2, U3: 3, U4: 4 });
  const none = run(all.filter((c) => c.unitId !== 3), { periods: open });
  assert.equal(none.basis, 'none');
  assert.deepEqual(none.periods, []);
  assert.deepEqual(none.provisionalPeriods?.map((p) => p.seq), [1, 2]);
});
