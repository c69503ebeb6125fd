import { test } from 'node:test';
import assert from 'node:assert/strict';
import { periodName } from '../../src/i18n/index.ts';

test('a generated period name shows in the reader\'s language, whichever language generated it', () => {
  assert.equal(periodName('en', 'Tháng 3/2021'), 'Month 3/2021');
  assert.equal(periodName('en', 'Quý 2/2021'), 'Q2 2021');
  assert.equal(periodName('en', 'Kỳ 2'), 'Period 2');
  assert.equal(periodName('en', 'Kỳ 1 (tháng 1–2/2021)'), 'Period 1 (months 1–2/2021)');
  assert.equal(periodName('vi', 'Q4 2022'), 'Quý 4/2022');
  assert.equal(periodName('vi', 'Period 7'), 'Kỳ 7');
  assert.equal(periodName('vi', 'Tháng 3/2021'), 'Tháng 3/2021');
});

test('a name the admin typed or changed is shown as typed', () => {
  for (const name of ['Kỳ 1 (khởi động)', 'Cả phong trào', 'Tháng 3/2021 — bổ sung', 'Kỳ x']) {
    assert.equal(periodName('en', name), name);
    assert.equal(periodName('vi', name), name);
  }
});
