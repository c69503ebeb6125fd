import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { catalog, translator } from '../../src/i18n/index.ts';

test('Vietnamese and English have exactly the same keys', () => {
  const vi = new Set(catalog('vi').keys());
  const en = new Set(catalog('en').keys());
  assert.deepEqual([...vi].filter((k) => !en.has(k)), [], 'keys missing in English');
  assert.deepEqual([...en].filter((k) => !vi.has(k)), [], 'keys missing in Vietnamese');
  assert.ok(vi.size > 100);
});

test('placeholders match between the two languages', () => {
  const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  for (const [k, v] of catalog('vi')) assert.equal(ph(v), ph(catalog('en').get(k) ?? ''), k);
});

test('the translator interpolates and falls back to the key', () => {
  const t = translator('en');
  assert.equal(t('pager.status', { page: 2, pages: 5, total: 120 }), 'Page 2 of 5 · 120 items');
  assert.equal(t('no.such.key'), 'no.such.key');
  assert.equal(translator('vi')('nav.home'), 'Trang chủ');
});

test('templates hold no hard-coded text: every visible word comes from t()', () => {
  const dir = path.resolve(import.meta.dirname, '../../views');
  const offenders: string[] = [];
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ejs'))) {
    const src = fs.readFileSync(path.join(dir, file), 'utf8');
    const text = src
      .replace(/<%[\s\S]*?%>/g, ' ')
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[a-z]+;|&#\d+;/g, ' ');
    const words = text.match(/\p{L}{2,}/gu) ?? [];
    if (words.length) offenders.push(`${file}: ${words.slice(0, 5).join(' ')}`);
  }
  assert.deepEqual(offenders, []);
});
