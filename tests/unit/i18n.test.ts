import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { catalog, interpolate, translator } from '../../src/i18n/index.ts';

test('Vietnamese and English have exactly the same keys', () => {
  const vi = new Set(catalog('vi').keys());
  const en = new Set(catalog('en').keys());
  assert.deepEqual([...vi].filter((k) => !en.has(k)), [], 'keys missing in English');
  assert.deepEqual([...en].filter((k) => !vi.has(k)), [], 'keys missing in Vietnamese');
  assert.ok(vi.size > 100);
});

/** The placeholders of a message: {n} and {n, plural, one {…} other {…}} both name n (branch texts are not placeholders). */
function placeholders(s: string): string[] {
  const bare = s.replace(/(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\}/g, '');
  return [...bare.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]);
}

test('placeholders match between the two languages', () => {
  // {n} and {n, plural, …} both name the placeholder n
  const ph = (s: string) => [...new Set(placeholders(s))].sort().join(',');
  for (const [k, v] of catalog('vi')) assert.equal(ph(v), ph(catalog('en').get(k) ?? ''), k);
});

test('the translator interpolates and falls back to the key', () => {
  const t = translator('en');
  assert.equal(t('pager.status', { page: 2, pages: 5, total: 120 }), 'Page 2 of 5 · 120 items');
  assert.equal(t('no.such.key'), 'no.such.key');
  assert.equal(translator('vi')('nav.home'), 'Trang chủ');
});

test('counts choose the plural form, and numbers in messages are written the locale way', () => {
  const en = translator('en');
  const vi = translator('vi');
  assert.equal(en('units.count', { n: 1 }), '1 unit');
  assert.equal(en('units.count', { n: 0 }), '0 units');
  assert.equal(en('units.count', { n: 15 }), '15 units');
  assert.equal(en('ranking.honour.points', { total: 37.5 }), '37.5 points');
  assert.equal(vi('ranking.honour.points', { total: 37.5 }), '37,5 điểm');
  assert.equal(en('titles.used', { n: 1 }), 'used once');
  assert.equal(en('scoring.grid.saved', { cells: 1, units: 1, verified: 1 }), 'Saved: 1 cell changed in 1 unit. 1 unit in the grid now has every score and is verified.');
  assert.equal(en('pager.status', { page: 1, pages: 1, total: 1 }), 'Page 1 of 1 · 1 item');
  assert.equal(en('awards.item.total', { total: '1,234.5' }), '1,234.5 points', 'an already formatted value takes the other form');
  assert.equal(interpolate('vi', 'năm {year}, số {id}', { year: 2021, id: 123456 }), 'năm 2021, số 123456', 'numbers are never grouped');
});

// the plural nouns of the English catalogue: a count of 1 before any of these reads wrong
const PLURAL_NOUNS = /\b1\)? (?:[\w-]+ ){0,2}?(units|people|places|points|periods|criteria|groups|titles|items|scores|exemplars|files|fields|notifications|awards|targets|registrations|times|accounts|problems|rows|cells|checks|characters|digits|members|decisions|proposals|lines|days|persons)\b/;

// messages where the number is not a count of the noun after it
const NOT_COUNTS = new Set([
  'awards.certificate.byAuthority', // "{authority} awards": a verb after a name
  'pledges.registrations.confirmRemove', // "Withdraw {name} from the registrations?"
  'ranking.stepsShort.group', // "group {code} points": a group code
  'scoring.conflict.summary', // "changed 1 of these cells"
  'dashboards.heatmap.desc', // "1 criteria group": criteria is an adjective there
]);

test('no English message with a count reads "1 <plural>" when every number in it is 1', () => {
  const en = catalog('en');
  const t = translator('en');
  const offenders: string[] = [];
  for (const [key, text] of en) {
    const names = placeholders(text);
    if (!names.length || NOT_COUNTS.has(key)) continue;
    const out = t(key, Object.fromEntries(names.map((n) => [n, 1])));
    if (PLURAL_NOUNS.test(out) || /\(s\)/.test(out)) offenders.push(`${key}: ${out}`);
  }
  assert.deepEqual(offenders, []);
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
