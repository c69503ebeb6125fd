import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMeasurable, isMet } from '../../src/pledges/measure.ts';
import { parsePledgeForm, rowsOf } from '../../src/pledges/schema.ts';
import { signatureName } from '../../src/pledges/present.ts';

test('a target is met according to its comparator', () => {
  assert.equal(isMet('EQ', 100, 100), true);
  assert.equal(isMet('EQ', '100.00', '100'), true, 'decimal strings compare by value');
  assert.equal(isMet('EQ', 100, 99.99), false);
  assert.equal(isMet('GTE', 95, 95), true);
  assert.equal(isMet('GTE', 95, 94.5), false);
  assert.equal(isMet('LTE', 0, 0), true);
  assert.equal(isMet('LTE', 2, 3), false);
  assert.equal(isMet(null, 95, 96), null, 'no comparator: not measurable');
  assert.equal(isMet('GTE', null, 96), null);
  assert.equal(isMet('GTE', 95, null), null, 'nothing reported yet');
  assert.equal(isMeasurable({ comparator: 'GTE', targetValue: '95' }), true);
  assert.equal(isMeasurable({ comparator: 'XX', targetValue: '95' }), false);
});

test('form rows arrive as an array or, past qs\'s array limit, as an object keyed by index', () => {
  assert.deepEqual(rowsOf([{ a: 1 }]), [{ a: 1 }]);
  assert.deepEqual(rowsOf({ 10: 'c', 2: 'b', 0: 'a', x: 'ignored' }), ['a', 'b', 'c']);
  assert.deepEqual(rowsOf(undefined), []);
});

test('the pledge form drops blank and removed rows, and names the row of each problem', () => {
  const ok = parsePledgeForm({
    version: '3',
    targets: [
      { content: 'Huấn luyện đạt khá, giỏi', comparator: 'GTE', targetValue: '95,5', unitOfMeasure: '%' },
      { content: '', indicator: '', comparator: '', targetValue: '', unitOfMeasure: '' },
      { content: 'Bỏ dòng này', remove: 'on' },
    ],
    measures: [{ content: 'Biện pháp 1' }, { content: '' }],
    titleIds: ['4', '4'],
    signedDate: '2021-01-15',
  });
  assert.ok(ok.ok);
  assert.equal(ok.data.targets.length, 1);
  assert.equal(ok.data.targets[0].targetValue, 95.5);
  assert.equal(ok.data.measures.length, 1);
  assert.deepEqual(ok.data.titleIds, [4]);

  const bad = parsePledgeForm({ version: '0', targets: [{ content: '' }, { content: 'x', comparator: 'EQ' }, { content: 'y', targetValue: '5' }], signedDate: 'hôm qua' });
  assert.equal(bad.ok, false);
  if (bad.ok) return;
  // row 0 is blank (ignored); row 1 lacks a value; row 2 lacks a comparator; the date is wrong too
  assert.equal(bad.errors['targets.0.content'], undefined);
  assert.equal(bad.errors['targets.1.targetValue']?.key, 'pledges.validation.valueNeeded');
  assert.equal(bad.errors['targets.2.comparator']?.key, 'pledges.validation.comparatorNeeded');
  assert.equal(bad.errors.signedDate?.key, 'validation.date');
});

test('the signature line does not repeat a rank already typed in the name', () => {
  assert.equal(signatureName('Thượng tá', 'Lê Văn Bình'), 'Thượng tá Lê Văn Bình');
  assert.equal(signatureName('Thượng tá', 'Thượng tá Lê Văn Bình'), 'Thượng tá Lê Văn Bình');
  assert.equal(signatureName(null, 'Lê Văn Bình'), 'Lê Văn Bình');
  assert.equal(signatureName('Đại úy', null), '');
});
