import { test, before, after } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { Client } from '../helpers/http.ts';
import { createApp } from '../../src/app.ts';
import { createLogger } from '../../src/logger.ts';

let app: TestApp;
before(async () => {
  app = await startTestApp({ LOGIN_MAX_ATTEMPTS: '3', LOGIN_WINDOW_MINUTES: '15' });
});
after(() => app.close());

test('the login page is Vietnamese by default and carries a CSRF token', async () => {
  const res = await app.client().get('/login');
  assert.equal(res.status, 200);
  assert.match(res.text, /<html lang="vi">/);
  assert.match(res.text, /Đăng nhập/);
  assert.match(res.text, /name="_csrf" value="[\w-]{20,}"/);
  assert.match(res.text, /name="username"/);
  assert.match(res.text, /name="password"/);
});

test('signed-out visitors are sent to the login page', async () => {
  const res = await app.client().get('/campaigns');
  assert.equal(res.status, 303);
  assert.equal(res.location, '/login?next=%2Fcampaigns');
});

test('a wrong password shows a clear message, not a 500, and keeps the username', async () => {
  const c = app.client();
  await c.get('/login');
  const res = await c.post('/login', { username: 'officer', password: 'wrong-password' });
  assert.equal(res.status, 401);
  assert.match(res.text, /Tên đăng nhập hoặc mật khẩu không đúng/);
  assert.match(res.text, /value="officer"/);
});

test('an empty form gives field messages and status 400', async () => {
  const c = app.client();
  await c.get('/login');
  const res = await c.post('/login', { username: '', password: '' });
  assert.equal(res.status, 400);
  assert.match(res.text, /Vui lòng nhập mục này/);
});

test('login regenerates the session id (no fixation) and sets safe cookie flags', async () => {
  const c = app.client();
  const page = await fetch(app.url + '/login');
  const preCookie = page.headers.getSetCookie().find((s) => s.startsWith('thidua.sid='));
  assert.ok(preCookie, 'a session cookie is issued with the login form');
  assert.match(preCookie, /HttpOnly/i);
  assert.match(preCookie, /SameSite=Lax/i);
  const preSid = preCookie.split(';')[0];
  const token = (await page.text()).match(/name="_csrf" value="([^"]+)"/)![1];
  const res = await fetch(app.url + '/login', {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: preSid, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'admin', password: DEMO_PASSWORD, _csrf: token }),
  });
  assert.equal(res.status, 303);
  const postCookie = res.headers.getSetCookie().find((s) => s.startsWith('thidua.sid='));
  assert.ok(postCookie);
  assert.notEqual(postCookie.split(';')[0], preSid);
  // the old session id no longer signs anyone in
  const old = await fetch(app.url + '/', { redirect: 'manual', headers: { cookie: preSid } });
  assert.equal(old.status, 303);
  void c;
});

test('a form without the CSRF token is refused with 403', async () => {
  const c = await app.as('admin');
  const res = await c.post('/lang', { locale: 'en' }, { csrf: false });
  assert.equal(res.status, 403);
  const wrong = await c.post('/lang', { locale: 'en' }, { csrf: 'not-the-token' });
  assert.equal(wrong.status, 403);
});

test('repeated wrong passwords lock the account for a while', async () => {
  const c = app.client();
  await c.get('/login');
  for (let i = 0; i < 3; i++) await c.post('/login', { username: 'halong', password: 'nope-nope-nope' });
  const res = await c.post('/login', { username: 'halong', password: DEMO_PASSWORD });
  assert.equal(res.status, 401);
  assert.match(res.text, /tạm khóa/);
  const user = await app.prisma.user.findUniqueOrThrow({ where: { username: 'halong' } });
  assert.ok(user.lockedUntil && user.lockedUntil > new Date());
});

test('an unknown username gets the same answers as a real one, locked included (no probing for accounts)', async () => {
  // its own app: these failures count toward the per-address limit
  const own = await startTestApp({ LOGIN_MAX_ATTEMPTS: '3', LOGIN_WINDOW_MINUTES: '15' });
  after(() => own.close());
  const c = own.client();
  await c.get('/login');
  const answers: string[] = [];
  for (let i = 0; i < 4; i++) {
    const res = await c.post('/login', { username: 'khong-ton-tai', password: 'nope-nope-nope' });
    assert.equal(res.status, 401);
    answers.push(/tạm khóa/.test(res.text) ? 'locked' : 'invalid');
  }
  assert.deepEqual(answers, ['invalid', 'invalid', 'locked', 'locked'], 'as for halong above: locked from the third failure');
});

test('too many failed logins from one address are rate-limited with 429', async () => {
  // its own app, so the exhausted limiter does not affect the other tests
  const limited = await startTestApp({ LOGIN_MAX_ATTEMPTS: '3', LOGIN_WINDOW_MINUTES: '15' });
  after(() => limited.close());
  const c = limited.client();
  await c.get('/login');
  let last = 0;
  for (let i = 0; i < 12; i++) last = (await c.post('/login', { username: `ghost${i}`, password: 'x-x-x-x-x-x' })).status;
  assert.equal(last, 429);
  const res = await c.post('/login', { username: 'admin', password: DEMO_PASSWORD });
  assert.equal(res.status, 429, 'even the right password is refused while limited');
  assert.match(res.text, /Quá nhiều lần đăng nhập/);
});

test('two app instances on one database share the login rate limit: together they allow the rate once, not twice', async () => {
  const one = await startTestApp({ LOGIN_MAX_ATTEMPTS: '2', LOGIN_WINDOW_MINUTES: '15' }); // 6 failures per address and window
  after(() => one.close());
  // a second instance: its own Express app and limiter, the same database
  const second = createApp({ config: one.config, logger: createLogger(one.config.logLevel), prisma: one.prisma, database: one.db });
  const server = await new Promise<Server>((resolve) => {
    const s = second.listen(0, '127.0.0.1', () => resolve(s));
  });
  after(() => new Promise((r) => { server.closeAllConnections(); server.close(r); }));
  const two = new Client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const first = one.client();
  await first.get('/login');
  await two.get('/login');
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await first.post('/login', { username: `ghost-a${i}`, password: 'x-x-x-x-x-x' })).status);
  for (let i = 0; i < 3; i++) statuses.push((await two.post('/login', { username: `ghost-b${i}`, password: 'x-x-x-x-x-x' })).status);
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401]);
  const rows = await one.prisma.rateLimit.findMany({ where: { key: { startsWith: 'login:' } } });
  assert.equal(rows.length, 1, 'one row for the one client address');
  assert.equal(rows[0].hits, 6, 'both instances counted into the same row');
  assert.ok(rows[0].resetAt.getTime() > Date.now() + 14 * 60_000, 'the window ends 15 minutes after the first failure');
  assert.equal((await first.post('/login', { username: 'admin', password: DEMO_PASSWORD })).status, 429, 'the first instance sees the second one\'s failures');
  assert.equal((await two.post('/login', { username: 'admin', password: DEMO_PASSWORD })).status, 429);
  // a window that has ended starts again from one
  await one.prisma.rateLimit.updateMany({ data: { resetAt: new Date(Date.now() - 1000) } });
  assert.equal((await two.post('/login', { username: 'admin', password: DEMO_PASSWORD })).status, 303);
  assert.equal((await one.prisma.rateLimit.findFirstOrThrow({ where: { key: rows[0].key } })).hits, 0, 'a successful sign-in takes its hit back');
});

test('logout ends the session', async () => {
  const c = await app.as('commander');
  const res = await c.post('/logout');
  assert.equal(res.status, 303);
  const after = await c.get('/');
  assert.equal(after.status, 303);
  assert.match(after.location ?? '', /^\/login/);
});

test('users can change their own password, and the old one stops working', async () => {
  const c = await app.as('coto');
  const bad = await c.post('/account/password', { current: 'wrong', password: 'short', confirm: 'other' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /10 ký tự/);
  const ok = await c.post('/account/password', { current: DEMO_PASSWORD, password: 'Mat-khau-moi-2026', confirm: 'Mat-khau-moi-2026' });
  assert.equal(ok.status, 303);
  const again = app.client();
  await again.get('/login');
  assert.equal((await again.post('/login', { username: 'coto', password: DEMO_PASSWORD })).status, 401);
  assert.equal((await again.post('/login', { username: 'coto', password: 'Mat-khau-moi-2026' })).status, 303);
});

test('switching the language is remembered for the user across sessions', async () => {
  const c = await app.as('vandon');
  const res = await c.post('/lang', { locale: 'en', next: '/campaigns' });
  assert.equal(res.status, 303);
  assert.equal(res.location, '/campaigns');
  const page = await c.get('/campaigns');
  assert.match(page.text, /<html lang="en">/);
  assert.match(page.text, /Emulation campaigns/);
  const fresh = await app.as('vandon');
  assert.match((await fresh.get('/')).text, /<html lang="en">/);
  // an off-site "next" is ignored
  const evil = await c.post('/lang', { locale: 'vi', next: '//evil.example/' });
  assert.equal(evil.location, '/');
});

test('accounts of a deactivated unit can no longer sign in, and open sessions end', async () => {
  const signedIn = await app.as('tienyen');
  await app.prisma.unit.update({ where: { code: 'TIENYEN' }, data: { active: false } });
  const c = app.client();
  await c.get('/login');
  const res = await c.post('/login', { username: 'tienyen', password: DEMO_PASSWORD });
  assert.equal(res.status, 401);
  assert.equal((await signedIn.get('/')).status, 303, 'the open session is signed out');
  await app.prisma.unit.update({ where: { code: 'TIENYEN' }, data: { active: true } });
  assert.equal((await c.post('/login', { username: 'tienyen', password: DEMO_PASSWORD })).status, 303);
});
