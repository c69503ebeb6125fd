import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatters } from '../../src/i18n/index.ts';
import { rankChange, totalTexts } from '../../src/ranking/present.ts';
import type { UnitStanding } from '../../src/ranking/types.ts';

const u = (unitId: number, total: number) => ({ unitId, total }) as UnitStanding;

test('totals that differ never print alike: the pair gets the digits that tell them apart', () => {
  const vi = formatters('vi');
  const texts = totalTexts(vi, [u(1, 93.004), u(2, 93.001), u(3, 93.001), u(4, 80.5)]);
  assert.deepEqual([...texts.values()], ['93,004', '93,001', '93,001', '80,5']);
  const en = totalTexts(formatters('en'), [u(1, 93.00002), u(2, 93.00001), u(3, 92)]);
  assert.deepEqual([...en.values()], ['93.00002', '93.00001', '92']);
  // equal totals (a tie decided by the tie-break, or shared) keep the usual two decimals
  assert.deepEqual([...totalTexts(vi, [u(1, 88.12), u(2, 88.12)]).values()], ['88,12', '88,12']);
});

test('one rank change for the ranking page and the dashboards', () => {
  const t = (k: string, p?: Record<string, unknown>) => `${k}${p ? JSON.stringify(p) : ''}`;
  assert.deepEqual(rankChange(t, { rank: 2, previousRank: 5 }), { dir: 'up', n: 3, symbol: '▲ 3', text: 'ranking.change.up{"n":3}' });
  assert.deepEqual(rankChange(t, { rank: 4, previousRank: 1 }), { dir: 'down', n: 3, symbol: '▼ 3', text: 'ranking.change.down{"n":3}' });
  assert.equal(rankChange(t, { rank: 1, previousRank: 1 }).dir, 'same');
  assert.equal(rankChange(t, { rank: 1, previousRank: null }).dir, 'none');
});
