// Every route × every role, with the routes read from the app's router: a route without a rule in
// matrix.ts fails here by name. Unit accounts are checked on their own unit and on another unit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import type { Client, Res } from '../helpers/http.ts';
import { ROLES, clientFor, fillPath, makeFixtures, routesOf, writeState, type Fixtures, type Route, type RoleName } from './helpers.ts';
import { MATRIX, PARAMS, type Expect } from './matrix.ts';

let app: TestApp;
let fx: Fixtures;
let routes: Route[];
const clients = {} as Record<RoleName, Client>;

before(async () => {
  app = await startTestApp();
  fx = await makeFixtures(app);
  routes = routesOf(app);
  for (const role of ROLES) clients[role] = await clientFor(app, role);
});
after(() => app.close());

const urlFor = (r: Route, role: RoleName) => fillPath(r.path, fx, PARAMS[r.key]?.(fx, role));
const expected = (r: Route, role: RoleName): Expect => MATRIX[r.key][ROLES.indexOf(role)];

function send(c: Client, method: string, url: string): Promise<Res> {
  if (method === 'GET') return c.get(url);
  if (method === 'POST') return c.post(url, {});
  return c.request(method, url, new URLSearchParams({ _csrf: c.csrf }), { 'content-type': 'application/x-www-form-urlencoded' });
}

/** The answer as the matrix writes it: L for a 303 to the login page, R for any other 303. */
function observed(res: Res): Expect {
  if (res.status !== 303) return res.status;
  return (res.location ?? '').startsWith('/login') ? 'L' : 'R';
}

/** Run (route, role) pairs in order; return every answer that differs from the matrix. */
async function check(pairs: [Route, RoleName][]): Promise<string[]> {
  const wrong: string[] = [];
  for (const [r, role] of pairs) {
    const url = urlFor(r, role);
    const res = await send(clients[role], r.method, url);
    const got = observed(res);
    if (got !== expected(r, role)) wrong.push(`${r.method} ${url} as ${role}: expected ${expected(r, role)}, got ${got}${res.location ? ` → ${res.location}` : ''}`);
  }
  return wrong;
}

const ruled = () => routes.filter((r) => MATRIX[r.key] && r.key !== 'POST /logout');
const pairsOf = (list: Route[]) => list.flatMap((r) => ROLES.map((role) => [r, role] as [Route, RoleName]));

test('the router has routes of every feature, and each one has a rule in the matrix', () => {
  assert.ok(routes.length > 100, `only ${routes.length} routes found: the router walk is broken`);
  for (const sample of ['GET /campaigns/:id/ranking', 'POST /exemplars/:id/publish', 'GET /admin/audit.csv', 'POST /campaigns/:id/periods/:periodId/scores']) {
    assert.ok(routes.some((r) => r.key === sample), `${sample} not found in the router`);
  }
  const missing = routes.filter((r) => !MATRIX[r.key]).map((r) => r.key);
  assert.deepEqual(missing, [], `routes without a rule in tests/security/matrix.ts: ${missing.join(', ')}`);
  const stale = Object.keys(MATRIX).filter((k) => !routes.some((r) => r.key === k));
  assert.deepEqual(stale, [], `rules for routes that no longer exist: ${stale.join(', ')}`);
});

test('every page and download answers each role as the matrix says', async () => {
  const wrong = await check(pairsOf(ruled().filter((r) => r.method === 'GET')));
  assert.deepEqual(wrong, []);
});

test('state-changing routes refuse forbidden roles (and reject empty forms) without writing anything', async () => {
  const before = await writeState(app);
  const pairs = pairsOf(ruled().filter((r) => r.method !== 'GET')).filter(([r, role]) => expected(r, role) !== 'R');
  const wrong = await check(pairs);
  assert.deepEqual(wrong, []);
  assert.equal(await writeState(app), before, 'a refused or invalid request wrote something');
});

test('state-changing routes that need no form fields are carried out for the roles allowed to', async () => {
  const pairs = pairsOf(ruled().filter((r) => r.method !== 'GET')).filter(([r, role]) => expected(r, role) === 'R');
  assert.ok(pairs.length >= 15);
  const wrong = await check(pairs);
  assert.deepEqual(wrong, []);
  const spare = await app.prisma.unit.findUniqueOrThrow({ where: { id: fx.spareUnit } });
  assert.equal(spare.active, false, 'the admin deactivated the spare unit, not Hạ Long');
  assert.equal((await app.prisma.unit.findUniqueOrThrow({ where: { id: fx.unit } })).active, true);
  assert.equal(await app.prisma.exemplar.count({ where: { id: { in: fx.spareExemplars } } }), 0);
  assert.equal(await app.prisma.exemplar.count({ where: { id: fx.exemplar } }), 1);
});

test('logout answers every role with the login page and ends the session', async () => {
  const logout = routes.find((r) => r.key === 'POST /logout')!;
  for (const role of ROLES) {
    const c = await clientFor(app, role);
    assert.equal(observed(await c.post('/logout')), expected(logout, role), `POST /logout as ${role}`);
    assert.equal(observed(await c.get('/')), 'L', `${role} is signed out`);
  }
});

test('unit accounts see only their own unit in lists and exports', async () => {
  const own = clients.unitOwn;
  const other = clients.unitOther;
  const ex = await app.prisma.exemplar.findUniqueOrThrow({ where: { id: fx.exemplar } });
  const halong = /HALONG|Hạ Long/;
  const unpublished = new RegExp(ex.title);
  const lists: [string, RegExp][] = [
    [`/campaigns/${fx.campaign}/pledges`, halong],
    [`/campaigns/${fx.campaign}/periods/${fx.period}/scores.csv`, halong],
    [`/campaigns/${fx.campaign}/exemplars?status=unpublished`, unpublished],
    [`/campaigns/${fx.campaign}/exemplars`, unpublished],
  ];
  for (const [url, marker] of lists) {
    const mine = await own.get(url);
    const theirs = await other.get(url);
    assert.equal(mine.status, 200, url);
    assert.equal(theirs.status, 200, url);
    assert.match(mine.text, marker, `${url}: Hạ Long sees its own rows`);
    assert.doesNotMatch(theirs.text, marker, `${url}: Cẩm Phả sees nothing of Hạ Long's`);
  }
});
