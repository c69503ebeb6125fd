import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatters } from '../../src/i18n/index.ts';
import { rankChange, totalTexts } from '../../src/ranking/present.ts';
import { cmpPoints } from '../../src/lib/ranking.ts';
import type { UnitStanding } from '../../src/ranking/types.ts';

const u = (unitId: number, total: number) => ({ unitId, total }) as UnitStanding;
const printedAll = (fmt: ReturnType<typeof formatters>, list: UnitStanding[]) => {
  const texts = totalTexts(fmt, list);
  return list.map((x) => texts.get(x.unitId));
};

test('totals that differ never print alike: the pair gets the digits that tell them apart', () => {
  const vi = formatters('vi');
  assert.deepEqual(printedAll(vi, [u(1, 93.004), u(2, 93.001), u(3, 93.001), u(4, 80.5)]), ['93,004', '93,001', '93,001', '80,5']);
  assert.deepEqual(printedAll(formatters('en'), [u(1, 93.00002), u(2, 93.00001), u(3, 92)]), ['93.00002', '93.00001', '92']);
  // equal totals (a tie decided by the tie-break, or shared) keep the usual two decimals
  assert.deepEqual(printedAll(vi, [u(1, 88.12), u(2, 88.12)]), ['88,12', '88,12']);
  assert.equal(totalTexts(vi, [u(1, 5)]).get(2), undefined, 'a unit not in the list has no text');
  // 1.005 is 1.00499… in binary, but prints as 1,01 like 1.006: a half-way point is told apart by the printed text
  assert.deepEqual(printedAll(vi, [u(1, 1.006), u(2, 1.005)]), ['1,006', '1,005']);
  assert.deepEqual(printedAll(vi, [u(1, -1.005), u(2, -1.006)]), ['-1,005', '-1,006']);
});

/** the rule as first written, every comparison printed: what the cheaper test must agree with */
function printedByIntl(fmt: ReturnType<typeof formatters>, list: UnitStanding[]): string[] {
  const digits = list.map(() => 2);
  const same = (a: number, b: number) => cmpPoints(a, b) === 0;
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1].total, b = list[i].total;
    if (same(a, b)) continue;
    let d = Math.max(digits[i - 1], digits[i]);
    while (d < 9 && fmt.numFine(a, d) === fmt.numFine(b, d)) d++;
    digits[i - 1] = Math.max(digits[i - 1], d);
    digits[i] = d;
  }
  for (let i = 1; i < list.length; i++) if (same(list[i - 1].total, list[i].total)) digits[i] = Math.max(digits[i], digits[i - 1]);
  for (let i = list.length - 1; i > 0; i--) if (same(list[i - 1].total, list[i].total)) digits[i - 1] = Math.max(digits[i - 1], digits[i]);
  return list.map((x, i) => fmt.numFine(x.total, digits[i]));
}

test('the printed totals are those of printing every comparison, for close, tied, negative and zero totals', () => {
  const near = fc.oneof(
    fc.constantFrom(0, -0, 0.005, -0.005, 0.0049999, 1.005, 2.675, -1.005, 93.004, 93.001, 1e-10, -1e-10, 88.125),
    fc.integer({ min: -200000, max: 200000 }).map((n) => n / 1000),
    fc.double({ min: -1000, max: 1000, noNaN: true }),
    // half-way points at 2 to 4 decimals and their near neighbours: where the exact value and the shortest decimal
    // round apart (1.005 and 1.006 once printed alike)
    fc.tuple(fc.integer({ min: -100000, max: 100000 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: -2, max: 2 }))
      .map(([n, d, k]) => (2 * n + 1) / (2 * 10 ** d) + k / 10 ** (d + 1)),
  );
  fc.assert(
    fc.property(fc.array(near, { minLength: 1, maxLength: 12 }), fc.constantFrom('vi', 'en') as fc.Arbitrary<'vi' | 'en'>, (totals, lang) => {
      const list = totals.sort((a, b) => b - a).map((t, i) => u(i + 1, t));
      assert.deepEqual(printedAll(formatters(lang), list), printedByIntl(formatters(lang), list));
    }),
    { numRuns: 2000 },
  );
});

test('one rank change for the ranking page and the dashboards', () => {
  const t = (k: string, p?: Record<string, unknown>) => `${k}${p ? JSON.stringify(p) : ''}`;
  assert.deepEqual(rankChange(t, { rank: 2, previousRank: 5 }), { dir: 'up', n: 3, symbol: '▲ 3', text: 'ranking.change.up{"n":3}' });
  assert.deepEqual(rankChange(t, { rank: 4, previousRank: 1 }), { dir: 'down', n: 3, symbol: '▼ 3', text: 'ranking.change.down{"n":3}' });
  assert.equal(rankChange(t, { rank: 1, previousRank: 1 }).dir, 'same');
  assert.equal(rankChange(t, { rank: 1, previousRank: null }).dir, 'none');
});
