import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, unitScope, type Actor } from '../../src/auth/policy.ts';

const mk = (role: Actor['role'], unitId: number | null = null): Actor => ({ id: 1, username: 'x', fullName: 'X', role, unitId, locale: 'vi' });

test('a unit account acts only on its own unit', () => {
  const u = mk('UNIT', 7);
  assert.equal(can(u, 'pledge.edit', { unitId: 7 }), true);
  assert.equal(can(u, 'pledge.edit', { unitId: 8 }), false);
  assert.equal(can(u, 'unit.view', { unitId: 8 }), false);
  assert.equal(can(u, 'score.enter', { unitId: 7 }), false);
  assert.deepEqual(unitScope(u), { unitId: 7 });
});

test('staff roles follow the table', () => {
  assert.equal(can(mk('ADMIN'), 'campaign.manage'), true);
  assert.equal(can(mk('OFFICER'), 'campaign.manage'), false);
  assert.equal(can(mk('OFFICER'), 'score.enter'), true);
  assert.equal(can(mk('COMMANDER'), 'score.enter'), false);
  assert.equal(can(mk('COMMANDER'), 'results.publish'), true);
  assert.equal(can(mk('COMMANDER'), 'period.reopen'), true);
  assert.equal(can(mk('OFFICER'), 'unit.view', { unitId: 99 }), true);
  assert.deepEqual(unitScope(mk('OFFICER')), {});
  assert.equal(can(undefined, 'campaign.view'), false);
});

test('a unit account with no unit sees nothing', () => {
  assert.deepEqual(unitScope(mk('UNIT', null)), { unitId: -1 });
  assert.equal(can(mk('UNIT', null), 'pledge.edit', { unitId: 1 }), false);
});
