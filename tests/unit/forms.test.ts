import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { f, foldText, isCalendarDay, parseForm, parseId, readDecimal } from '../../src/lib/forms.ts';
import { pageFrom } from '../../src/lib/paging.ts';

test('foldText removes Vietnamese diacritics, including đ', () => {
  assert.equal(foldText('Ban CHQS thành phố Cẩm Phả'), 'ban chqs thanh pho cam pha');
  assert.equal(foldText('  Đông   Triều '), 'dong trieu');
  assert.equal(foldText('Đầm Hà'), 'dam ha');
});

test('parseId accepts only positive 32-bit integers', () => {
  assert.equal(parseId('15'), 15);
  for (const bad of ['0', '-1', '1.5', '1e3', 'abc', '', '99999999999', '007', ' 1']) assert.equal(parseId(bad), null, bad);
  assert.equal(parseId(undefined), null);
});

test('parseForm returns one translation key per field', () => {
  const schema = z.object({ name: f.text(10), when: f.date(), n: f.number().pipe(z.number().max(5)) });
  const r = parseForm(schema, { name: '', when: '2021-02-30x', n: '7' });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.errors.name.key, 'validation.required');
    assert.equal(r.errors.when.key, 'validation.date');
    assert.equal(r.errors.n.key, 'validation.max');
    assert.equal(r.errors.n.params?.max, 5);
  }
  const ok = parseForm(schema, { name: ' A ', when: '2021-02-03', n: '2,5' });
  assert.ok(ok.ok);
  if (ok.ok) {
    assert.equal(ok.data.name, 'A');
    assert.equal(ok.data.n, 2.5);
    assert.equal(ok.data.when.toISOString(), '2021-02-03T00:00:00.000Z');
  }
  const notNumber = parseForm(schema, { name: 'A', when: '2021-02-03', n: 'abc' });
  assert.equal(!notNumber.ok && notNumber.errors.n.key, 'validation.decimal');
});

test('a date that does not exist is refused, never rolled over to the next month', () => {
  for (const schema of [z.object({ d: f.date() }), z.object({ d: f.optDate() })]) {
    for (const bad of ['2021-02-30', '2021-02-29', '2021-04-31', '2021-13-01', '2021-00-10', '2021-01-00', '2021-1-05']) {
      const r = parseForm(schema, { d: bad });
      assert.equal(!r.ok && r.errors.d.key, 'validation.date', bad);
    }
    const leap = parseForm(schema, { d: '2024-02-29' });
    assert.ok(leap.ok && leap.data.d?.toISOString() === '2024-02-29T00:00:00.000Z');
  }
  assert.equal(isCalendarDay('2021-12-31'), true);
  assert.equal(isCalendarDay('2021-02-30'), false);
});

test('readDecimal takes one decimal comma or dot and refuses anything ambiguous', () => {
  assert.equal(readDecimal('37,5'), 37.5);
  assert.equal(readDecimal(' 1,5 '), 1.5);
  assert.equal(readDecimal('37.5'), 37.5);
  assert.equal(readDecimal('20'), 20);
  assert.equal(readDecimal('-2,25'), -2.25);
  assert.equal(readDecimal(''), undefined);
  for (const bad of ['1.234,5', '1,234.5', '1,2,3', '1.2.3', '37 5', '1e3', '0x10', 'Infinity', ',5', '5,', 'abc']) {
    assert.ok(Number.isNaN(readDecimal(bad)), bad);
  }
  const schema = z.object({ n: f.number(), o: f.optNumber() });
  const ok = parseForm(schema, { n: '1,5', o: '' });
  assert.ok(ok.ok && ok.data.n === 1.5 && ok.data.o === undefined);
  const bad = parseForm(schema, { n: '1.234,5', o: '1,2,3' });
  assert.ok(!bad.ok);
  if (!bad.ok) {
    assert.equal(bad.errors.n.key, 'validation.decimal');
    assert.equal(bad.errors.o.key, 'validation.decimal');
  }
});

test('pageFrom treats anything odd as page 1', () => {
  assert.equal(pageFrom({ page: '3' }).skip, 50);
  for (const p of ['0x1', '-2', 'abc', undefined, ['2']]) assert.equal(pageFrom({ page: p }).page, 1);
});
