// A request that needs no session writes no Session row: the CSRF token is made only when a page needs one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
before(async () => {
  app = await startTestApp();
});
after(async () => {
  await app.close();
});

test('50 cookieless requests for a missing page write no Session row and set no cookie', async () => {
  const before = await app.prisma.session.count();
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${app.url}/wp-admin/missing-${i}.php`, { headers: { accept: 'text/html' } });
    assert.equal(res.status, 404);
    assert.deepEqual(res.headers.getSetCookie(), []);
    assert.match(await res.text(), /<form method="post" action="\/lang"/);
  }
  assert.equal(await app.prisma.session.count(), before);
});

test('the sign-in page does make a session, and its token signs in', async () => {
  const before = await app.prisma.session.count();
  const c = app.client();
  await c.get('/login');
  assert.ok(c.csrf);
  assert.equal(await app.prisma.session.count(), before + 1);
  assert.equal((await c.post('/login', { username: 'officer', password: 'ThiDua@2026' })).status, 303);
});

test('an anonymous visitor without a session can switch the language; a session with a token must send it', async () => {
  const res = await fetch(`${app.url}/lang`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ locale: 'en', next: '/login' }),
  });
  assert.equal(res.status, 303);
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  assert.ok(cookie);
  const page = await fetch(`${app.url}/login`, { headers: { cookie } });
  assert.match(await page.text(), /<html lang="en">/);
  // that session now has a token (the sign-in page made it): a forged switch without it is refused
  const forged = await fetch(`${app.url}/lang`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ locale: 'vi', next: '/login' }),
  });
  assert.equal(forged.status, 403);
});
