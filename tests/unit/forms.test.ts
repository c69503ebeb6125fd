import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { f, foldText, parseForm, parseId } from '../../src/lib/forms.ts';
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
  assert.equal(!notNumber.ok && notNumber.errors.n.key, 'validation.number');
});

test('pageFrom treats anything odd as page 1', () => {
  assert.equal(pageFrom({ page: '3' }).skip, 50);
  for (const p of ['0x1', '-2', 'abc', undefined, ['2']]) assert.equal(pageFrom({ page: p }).page, 1);
});
