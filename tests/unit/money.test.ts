import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readVnd } from '../../src/lib/money.ts';

test('readVnd reads whole đồng amounts typed with Vietnamese, English or space grouping', () => {
  assert.equal(readVnd(''), undefined);
  assert.equal(readVnd('  '), undefined);
  assert.equal(readVnd('1500000'), 1_500_000);
  assert.equal(readVnd('1.500.000'), 1_500_000);
  assert.equal(readVnd('1,500,000'), 1_500_000);
  assert.equal(readVnd('1 500 000'), 1_500_000);
  assert.equal(readVnd('500'), 500);
});

test('readVnd refuses what it would have to guess', () => {
  for (const s of ['1.5', '1.50.000', '12,5', '1.500,000', '-3', '1e6', 'abc', '1.500.00', '0x10']) assert.ok(Number.isNaN(readVnd(s)), s);
});
