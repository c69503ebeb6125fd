import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createsCycle } from '../../src/units/tree.ts';
import { readUnitsCsv } from '../../src/units/import-rows.ts';

// PROVINCE ← KCQ ← D1 ← D2 ; PROVINCE ← HALONG
const parentOf = new Map<string, string | null>([
  ['PROVINCE', null],
  ['KCQ', 'PROVINCE'],
  ['D1', 'KCQ'],
  ['D2', 'D1'],
  ['HALONG', 'PROVINCE'],
]);

test('a unit cannot take itself or one of its descendants as parent', () => {
  assert.equal(createsCycle(parentOf, 'KCQ', 'KCQ'), true);
  assert.equal(createsCycle(parentOf, 'KCQ', 'D2'), true);
  assert.equal(createsCycle(parentOf, 'KCQ', 'HALONG'), false);
  assert.equal(createsCycle(parentOf, 'D2', 'HALONG'), false);
  assert.equal(createsCycle(parentOf, 'D2', null), false);
});

test('a loop already in the data counts as a cycle instead of hanging', () => {
  const broken = new Map<string, string | null>([['A', 'B'], ['B', 'A'], ['C', null]]);
  assert.equal(createsCycle(broken, 'C', 'A'), true);
});

test('unit types are read from the stored value or either label, accents and case optional', () => {
  const r = readUnitsCsv('code,name,type\nA,X,DISTRICT_COMMAND\nB,X,Ban CHQS cấp huyện\nC,X,ban chqs cap huyen\nD,X,District military command\nE,X,regiment\n');
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.rows.map((row) => row.type), ['DISTRICT_COMMAND', 'DISTRICT_COMMAND', 'DISTRICT_COMMAND', 'DISTRICT_COMMAND', 'REGIMENT']);
});

test('codes are trimmed and upper-cased; empty optional cells become null', () => {
  const r = readUnitsCsv('code,name,short_name,type,parent_code\n  hl-1 , Hạ Long ,, OTHER , kcq \n');
  assert.deepEqual(r.rows, [{ line: 2, code: 'HL-1', name: 'Hạ Long', shortName: null, type: 'OTHER', parentCode: 'KCQ' }]);
});
