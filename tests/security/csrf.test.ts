// CSRF: every state-changing route (read from the router) refuses a request without the session's token,
// with a made-up token and with another session's token, in a urlencoded and in a multipart body, even
// for a role that could otherwise act; and nothing is written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client, Res } from '../helpers/http.ts';
import { ROLES, clientFor, fillPath, makeFixtures, routesOf, writeState, type Fixtures, type Route, type RoleName } from './helpers.ts';
import { MATRIX, PARAMS } from './matrix.ts';

let app: TestApp;
let fx: Fixtures;
let routes: Route[];
const clients = {} as Record<RoleName, Client>;
let stranger: Client;

before(async () => {
  app = await startTestApp();
  fx = await makeFixtures(app);
  routes = routesOf(app).filter((r) => r.method !== 'GET');
  for (const role of ROLES) clients[role] = await clientFor(app, role);
  stranger = await app.as('mongcai');
});
after(() => app.close());

/** The role the matrix lets through (so a missing check would show as a 303, 400, 409 or 422, not a 403). */
function actingRole(r: Route): RoleName {
  const row = MATRIX[r.key];
  assert.ok(row, `${r.key} has no rule in tests/security/matrix.ts`);
  const refused = (e: unknown) => e === 403 || e === 404 || e === 'L';
  if (!refused(row[0])) return 'anon';
  return (['admin', 'officer', 'commander', 'unitOwn', 'unitOther'] as const).find((role) => !refused(row[ROLES.indexOf(role)])) ?? 'admin';
}

/** A form that would pass most checks if the token were not needed. */
const FIELDS = { version: '1', reason: 'Lý do đủ dài để hợp lệ', active: '0', name: 'Tên', username: 'x', password: 'y', locale: 'en' };

function urlencoded(c: Client, url: string, method: string, token?: string): Promise<Res> {
  const body = new URLSearchParams(FIELDS);
  if (token !== undefined) body.set('_csrf', token);
  return c.request(method, url, body, { 'content-type': 'application/x-www-form-urlencoded' });
}

function multipart(c: Client, url: string, method: string, token?: string): Promise<Res> {
  const body = new FormData();
  for (const [k, v] of Object.entries(FIELDS)) body.append(k, v);
  if (token !== undefined) body.append('_csrf', token);
  body.append('files', new Blob(['%PDF-1.4\n'], { type: 'application/pdf' }), 'x.pdf');
  return c.request(method, url, body);
}

test('the router has state-changing routes of every kind to check', () => {
  assert.ok(routes.length > 50, `only ${routes.length} non-GET routes found`);
  assert.ok(routes.some((r) => r.key === 'POST /campaigns/:id/exemplars'), 'an upload route is among them');
  assert.ok(routes.some((r) => r.key === 'POST /logout'));
});

test('every state-changing route refuses a missing, made-up or foreign CSRF token, and nothing is written', async () => {
  const foreign = stranger.csrf;
  assert.ok(foreign && foreign !== clients.admin.csrf);
  const before = await writeState(app);
  const wrong: string[] = [];
  for (const r of routes) {
    const role = actingRole(r);
    const c = clients[role];
    const url = fillPath(r.path, fx, PARAMS[r.key]?.(fx, role));
    const tries: [string, Promise<Res>][] = [];
    for (const [name, token] of [['no token', undefined], ['a made-up token', 'x'.repeat(43)], ["another session's token", foreign]] as const) {
      tries.push([`urlencoded, ${name}`, urlencoded(c, url, r.method, token)]);
      tries.push([`multipart, ${name}`, multipart(c, url, r.method, token)]);
    }
    tries.push(['no body at all', c.request(r.method, url)]);
    for (const [what, pending] of tries) {
      const res = await pending;
      if (res.status !== 403) wrong.push(`${r.method} ${url} as ${role} (${what}): ${res.status}${res.location ? ` → ${res.location}` : ''}`);
    }
  }
  assert.deepEqual(wrong, [], 'requests without the right token were not refused');
  assert.equal(await writeState(app), before, 'a request without the right token wrote something');
});

test('a refused token does not end the session, and the right token still works', async () => {
  const c = clients.unitOwn;
  assert.equal((await c.post('/notifications/read-all', {}, { csrf: false })).status, 403);
  assert.equal((await c.get('/notifications')).status, 200, 'still signed in');
  const ok = await c.post('/notifications/read-all', {});
  assert.equal(ok.status, 303);
  assert.equal(await app.prisma.notification.count({ where: { id: fx.notification, readAt: null } }), 0);
});

test('the refusal is a page in the user language, not a stack trace', async () => {
  const res = await clients.officer.post('/campaigns', {}, { csrf: 'nope' });
  assert.equal(res.status, 403);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  assert.doesNotMatch(res.text, /at \w+ \(|node_modules/);
});
