// Security headers and CSP on every page (routes from the router), on the login, error and static
// responses; the session cookie's flags; what auth.test.ts leaves out of fixation, rate limiting,
// lockout and logout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.ts';
import { createLogger } from '../../src/logger.ts';
import { loadConfig } from '../../src/config.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import type { Res } from '../helpers/http.ts';
import { ROLES, clientFor, fillPath, makeFixtures, routesOf, type RoleName } from './helpers.ts';
import { MATRIX } from './matrix.ts';

let app: TestApp;
before(async () => {
  app = await startTestApp({ LOGIN_MAX_ATTEMPTS: '3' });
});
after(() => app.close());

/**
 * The headers every response must carry; `html` pages must also hold nothing the CSP would block. A page or download
 * (anything but a static file) is never stored by a browser or proxy, and so carries no ETag to revalidate with.
 */
function assertHardened(res: Res | Response, what: string, html = false, kept = false): void {
  const h = res.headers;
  if (!kept) {
    assert.match(h.get('cache-control') ?? '', /\bno-store\b/, `${what}: may be stored (${h.get('cache-control')})`);
    assert.equal(h.get('etag'), null, `${what}: an ETag on a page nobody stores`);
  }
  const csp = h.get('content-security-policy');
  assert.ok(csp, `${what}: no Content-Security-Policy`);
  const dir = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, `${what}: ${csp}`);
  const scripts = dir.get('script-src') ?? dir.get('default-src');
  assert.ok(scripts && scripts.every((s) => s === "'self'" || s === "'none'"), `${what}: scripts only from self (${csp})`);
  const framing = dir.get('frame-ancestors')?.join(' ');
  assert.ok(framing === "'none'" || framing === "'self'" || /^(DENY|SAMEORIGIN)$/i.test(h.get('x-frame-options') ?? ''), `${what}: may be framed`);
  assert.equal(h.get('x-content-type-options'), 'nosniff', what);
  assert.match(h.get('referrer-policy') ?? '', /^(no-referrer|same-origin|strict-origin(-when-cross-origin)?)$/, what);
  assert.equal(h.get('x-powered-by'), null, what);
  if (html) {
    const text = typeof res.text === 'string' ? res.text : '';
    assert.doesNotMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/i, `${what}: inline script`);
    assert.doesNotMatch(text, /\sstyle\s*=|\son[a-z]+\s*=\s*["']/i, `${what}: inline style or event handler`);
  }
}

test('every page and download a signed-in user can open carries the security headers and a strict CSP', async () => {
  const fx = await makeFixtures(app);
  const clients = new Map<RoleName, Awaited<ReturnType<typeof clientFor>>>();
  let checked = 0;
  for (const r of routesOf(app).filter((x) => x.method === 'GET')) {
    const row = MATRIX[r.key];
    assert.ok(row, `${r.key} has no rule in tests/security/matrix.ts`);
    const role = ROLES.slice(1).find((x) => row[ROLES.indexOf(x)] === 200);
    if (!role) continue;
    if (!clients.has(role)) clients.set(role, await clientFor(app, role));
    const url = fillPath(r.path, fx);
    const res = await clients.get(role)!.get(url);
    assert.equal(res.status, 200, `${url} as ${role}`);
    assertHardened(res, `${url} as ${role}`, /text\/html/.test(res.headers.get('content-type') ?? ''));
    checked++;
  }
  assert.ok(checked > 60, `only ${checked} pages checked`);
});

test('the login page, error pages and static files carry them too', async () => {
  const anon = app.client();
  assertHardened(await anon.get('/login'), 'login page', true);
  const c = await app.as('halong');
  const cases: [string, Promise<Res>, number][] = [
    ['404 page, signed out', anon.get('/no-such-page'), 404],
    ['404 page', c.get('/no-such-page'), 404],
    ['403 page', c.get('/admin/users'), 403],
    ['CSRF refusal', c.post('/lang', { locale: 'en' }, { csrf: 'wrong' }), 403],
    ['malformed JSON body', c.request('POST', '/lang', '{"locale":', { 'content-type': 'application/json' }), 400],
    ['oversized form', c.request('POST', '/lang', 'a='.padEnd(3 * 1024 * 1024, 'x'), { 'content-type': 'application/x-www-form-urlencoded' }), 413],
  ];
  for (const [what, pending, status] of cases) {
    const res = await pending;
    assert.equal(res.status, status, what);
    assertHardened(res, what, true);
    assert.doesNotMatch(res.text, /node_modules|at [\w.]+ \(/, `${what}: no stack trace`);
  }
  const css = await fetch(`${app.url}/public/css/app.css`);
  assert.equal(css.status, 200);
  assertHardened(css, 'stylesheet', false, true);
  assert.doesNotMatch(css.headers.get('cache-control') ?? '', /no-store/, 'static files may be kept');
  assert.ok(css.headers.get('etag'), 'static files are revalidated by their ETag');
});

test('an unexpected error is a generic 500 page with the headers, no stack trace', async () => {
  // the real app on the same database, except that reading a user fails the way a bug would
  const broken = new Proxy(app.prisma, {
    get: (target, prop, recv) =>
      prop === 'user' ? { findUnique: () => Promise.reject(new Error('boom: secret detail')) } : Reflect.get(target, prop, recv),
  });
  const express = createApp({ config: app.config, logger: createLogger('silent'), prisma: broken, database: app.db });
  const server = express.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  after(() => new Promise((r) => server.close(r)));
  const { port } = server.address() as AddressInfo;
  const { Client } = await import('../helpers/http.ts');
  const c = new Client(`http://127.0.0.1:${port}`);
  await c.get('/login');
  const res = await c.post('/login', { username: 'admin', password: DEMO_PASSWORD });
  assert.equal(res.status, 500);
  assertHardened(res, '500 page', true);
  assert.doesNotMatch(res.text, /boom|secret detail|at [\w.]+ \(/);
  assert.match(res.text, new RegExp(res.headers.get('x-request-id') ?? 'no request id'), 'the page names the request id');
});

/** The session cookie a response sets, as a raw Set-Cookie line. */
const sessionCookie = (res: Response) => res.headers.getSetCookie().find((s) => s.startsWith('thidua.sid='));
/** The store's key for a `thidua.sid=s%3A<id>.<signature>` cookie. */
const storeId = (cookie: string) => decodeURIComponent(cookie.split(';')[0].split('=')[1]).slice(2).split('.')[0];

test('with SECURE_COOKIES (and in production) the session cookie is Secure, and HSTS is sent', async () => {
  assert.equal(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'p'.repeat(40) }).secureCookies, true, 'production defaults to secure cookies');
  const secure = await startTestApp({ SECURE_COOKIES: 'true' });
  after(() => secure.close());
  // behind the TLS proxy (trusted on loopback), which says the request came over https
  const res = await fetch(`${secure.url}/login`, { headers: { 'x-forwarded-proto': 'https' } });
  const cookie = sessionCookie(res);
  assert.ok(cookie, 'a session cookie is set over https');
  for (const flag of [/;\s*Secure/i, /;\s*HttpOnly/i, /;\s*SameSite=Lax/i, /;\s*Path=\//i, /;\s*Expires=/i]) assert.match(cookie, flag);
  assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=\d{6,}/);
  assert.match(res.headers.get('content-security-policy') ?? '', /upgrade-insecure-requests/);
  // over plain http the secure cookie is never sent
  const plain = await fetch(`${secure.url}/login`);
  assert.equal(sessionCookie(plain), undefined);
  // and without the setting no HSTS (a plain-http intranet install stays reachable)
  assert.equal((await fetch(`${app.url}/login`)).headers.get('strict-transport-security'), null);
});

test('a planted session id is never adopted, and the pre-login session is gone from the store after login', async () => {
  const planted = await fetch(`${app.url}/login`, { headers: { cookie: 'thidua.sid=attacker-chosen-id' } });
  const issued = sessionCookie(planted);
  assert.ok(issued && !issued.includes('attacker-chosen-id'), 'an unsigned id is replaced by a fresh one');
  const preSid = issued.split(';')[0];
  const token = (await planted.text()).match(/name="_csrf" value="([^"]+)"/)![1];
  assert.equal(await app.prisma.session.count({ where: { sid: storeId(preSid) } }), 1, 'the pre-login session is stored');
  const login = await fetch(`${app.url}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { cookie: preSid, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'officer', password: DEMO_PASSWORD, _csrf: token }),
  });
  assert.equal(login.status, 303);
  assert.equal(await app.prisma.session.count({ where: { sid: storeId(preSid) } }), 0, 'the pre-login session was destroyed, not just left behind');
  const after = await fetch(`${app.url}/campaigns`, { redirect: 'manual', headers: { cookie: preSid } });
  assert.match(after.headers.get('location') ?? '', /^\/login/);
});

test('logout deletes the session on the server: a copied cookie no longer works', async () => {
  const c = await app.as('commander');
  const other = await app.as('commander'); // the same user's other session stays alive
  const stolen = (c as unknown as { cookieHeader(): string }).cookieHeader();
  const sid = storeId(stolen.split('; ').find((x) => x.startsWith('thidua.sid='))!);
  assert.equal((await fetch(`${app.url}/campaigns`, { redirect: 'manual', headers: { cookie: stolen } })).status, 200, 'the copied cookie works while signed in');
  assert.equal(await app.prisma.session.count({ where: { sid } }), 1);
  assert.equal((await c.post('/logout')).status, 303);
  assert.equal(await app.prisma.session.count({ where: { sid } }), 0, 'the session row is deleted');
  const replay = await fetch(`${app.url}/campaigns`, { redirect: 'manual', headers: { cookie: stolen } });
  assert.equal(replay.status, 303);
  assert.match(replay.headers.get('location') ?? '', /^\/login/);
  assert.equal((await other.get('/campaigns')).status, 200);
});

test('lockout holds whichever address the attempts come from, and ends after its window', async () => {
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const attempt = async (ip: string, password: string) => {
    const c = app.client();
    await c.get('/login', from(ip));
    return c.request('POST', '/login', new URLSearchParams({ username: 'uongbi', password, _csrf: c.csrf }), { 'content-type': 'application/x-www-form-urlencoded', ...from(ip) });
  };
  for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) assert.equal((await attempt(ip, 'wrong-password-1')).status, 401);
  const locked = await attempt('10.0.0.4', DEMO_PASSWORD);
  assert.equal(locked.status, 401, 'the right password from a fresh address is refused while locked');
  assert.match(locked.text, /tạm khóa/);
  await app.prisma.user.update({ where: { username: 'uongbi' }, data: { lockedUntil: new Date(Date.now() - 1000) } });
  assert.equal((await attempt('10.0.0.5', DEMO_PASSWORD)).status, 303, 'signs in once the lock has run out');
  const user = await app.prisma.user.findUniqueOrThrow({ where: { username: 'uongbi' } });
  assert.equal(user.failedLogins, 0);
  assert.equal(user.lockedUntil, null);
});

test('the login rate limit is per client address, and successful sign-ins never count', async () => {
  const limited = await startTestApp({ LOGIN_MAX_ATTEMPTS: '2' }); // 6 failed attempts per address and window
  after(() => limited.close());
  const login = async (ip: string, username: string, password: string) => {
    const c = limited.client();
    await c.get('/login', { 'x-forwarded-for': ip });
    return (await c.request('POST', '/login', new URLSearchParams({ username, password, _csrf: c.csrf }), { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip })).status;
  };
  for (let i = 0; i < 8; i++) assert.equal(await login('10.1.0.1', 'admin', DEMO_PASSWORD), 303, `shared office address, sign-in ${i + 1}`);
  const statuses = [];
  for (let i = 0; i < 7; i++) statuses.push(await login('10.1.0.2', `ghost${i}`, 'wrong-password-2'));
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401, 429]);
  assert.equal(await login('10.1.0.2', 'admin', DEMO_PASSWORD), 429, 'the limited address stays limited');
  assert.equal(await login('10.1.0.3', 'officer', DEMO_PASSWORD), 303, 'another address is not affected');
});
