import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { formFields } from '../helpers/forms.ts';

// The message after a redirect travels in a signed cookie (src/web/flash.ts): a grid save and the page it leads to
// write no session row; the message shows once; a forged or damaged cookie shows nothing and breaks nothing.

let app: TestApp;
let statements: string[] = [];
let counting = false;

before(async () => {
  app = await startTestApp({}, { onQuery: (sql) => { if (counting) statements.push(sql); } });
});
after(() => app.close());

const SAVED = /Đã lưu \d+ ô điểm/;
const sessionWrites = () => statements.filter((s) => /^\s*(INSERT INTO|UPDATE|DELETE FROM) "Session"/.test(s));

test('a grid save shows its message once, on the page it leads to, and neither writes the session', async () => {
  const c = await app.as('officer');
  const campaign = await app.prisma.campaign.findFirstOrThrow({ where: { name: 'Lập công dâng Đảng' }, include: { periods: { orderBy: { seq: 'asc' } } } });
  const url = `/campaigns/${campaign.id}/periods/${campaign.periods[1].id}/scores`;
  const form = formFields((await c.get(url)).text);
  const cell = Object.keys(form).find((k) => /^p_\d+_\d+$/.test(k))!;
  form[cell] = '1';
  statements = [];
  counting = true;
  const saved = await c.post(url, form);
  assert.equal(saved.status, 303);
  assert.ok(c.hasCookie('thidua.flash'), 'the message is in its cookie');
  const next = await c.get(saved.location!);
  counting = false;
  assert.match(next.text, SAVED);
  assert.deepEqual(sessionWrites(), [], 'no session row written by the save or the page after it');
  assert.ok(!c.hasCookie('thidua.flash'), 'read once, then cleared');
  assert.doesNotMatch((await c.get(saved.location!)).text, SAVED, 'not shown twice');
});

test('a forged or damaged message cookie shows nothing, is cleared, and the page still opens', async () => {
  const c = await app.as('officer');
  const forged = Buffer.from(JSON.stringify({ type: 'error', key: 'scoring.grid.saved', params: { cells: 999, units: 1, verified: 0 } })).toString('base64url');
  for (const value of [`${forged}.AAAA`, forged, '.', '%%%', `${forged}.${'A'.repeat(43)}`]) {
    c.setCookie('thidua.flash', value);
    const res = await c.get('/');
    assert.equal(res.status, 200, value);
    assert.doesNotMatch(res.text, /999/, `${value}: a planted message is not shown`);
    assert.ok(!c.hasCookie('thidua.flash'), `${value}: cleared`);
  }
});
