import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { groupSummaries, type Membership } from '../../src/dashboards/scope.ts';
import type { UnitStanding } from '../../src/ranking/types.ts';

/** Standings in rank order: unit i has rank i + 1 and the given total. */
const standings = (totals: number[]) => totals.map((total, i) => ({ unitId: i + 1, name: `U${i + 1}`, rank: i + 1, total }) as UnitStanding);
const option = (id: number) => ({ id, label: `G${id}`, units: 0 });

test('by cluster: a unit in two clusters counts in both; units in no cluster get one last row with no id', () => {
  const s = standings([90, 80, 70, 60, 50]);
  const m: Membership = { parentOf: new Map(), clustersOf: new Map([[1, [10]], [2, [10, 20]], [4, [20]]]) };
  const rows = groupSummaries('cluster', s, m, { clusters: [option(10), option(20)], parents: [] }, true);
  assert.deepEqual(
    rows.map((r) => [r.id, r.units, r.average, r.best?.unitId, r.worstRank]),
    [
      [10, 2, 85, 1, 2],
      [20, 2, 70, 2, 4],
      [null, 2, 60, 3, 5],
    ],
  );
});

test('by parent: a unit with no parent (or one not offered) is in the last row; groups with no unit in scope are left out', () => {
  const s = standings([90, 80, 70]);
  const m: Membership = { parentOf: new Map<number, number | null>([[1, 100], [2, null], [3, 999]]), clustersOf: new Map() };
  const rows = groupSummaries('parent', s, m, { clusters: [], parents: [option(100), option(200)] }, true);
  assert.deepEqual(rows.map((r) => [r.id, r.units]), [[100, 1], [null, 2]]);
  // every unit in its parent's group: no last row
  const all = groupSummaries('parent', s, { parentOf: new Map([[1, 100], [2, 100], [3, 200]]), clustersOf: new Map() }, { clusters: [], parents: [option(100), option(200)] }, true);
  assert.deepEqual(all.map((r) => r.id), [100, 200]);
});

test('before anything is ranked the rows count units but name no best unit, rank or average', () => {
  const rows = groupSummaries('cluster', standings([0, 0]), { parentOf: new Map(), clustersOf: new Map([[1, [10]]]) }, { clusters: [option(10)], parents: [] }, false);
  assert.deepEqual(rows.map((r) => [r.id, r.units, r.average, r.best, r.worstRank]), [[10, 1, null, null, null], [null, 1, null, null, null]]);
});

test('by parent every unit in scope is counted exactly once, whatever the tree', () => {
  fc.assert(
    fc.property(fc.array(fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }), { maxLength: 40 }), (parents) => {
      const s = standings(parents.map((_, i) => 100 - i));
      const m: Membership = { parentOf: new Map(parents.map((p, i) => [i + 1, p])), clustersOf: new Map() };
      const offered = [1, 2, 3, 4].map(option); // parents 5 and 6 are not offered: their units fall in the last row
      const rows = groupSummaries('parent', s, m, { clusters: [], parents: offered }, true);
      assert.equal(rows.reduce((n, r) => n + r.units, 0), s.length);
      for (const r of rows) assert.ok(r.best && r.worstRank !== null && r.best.rank <= r.worstRank);
    }),
  );
});
