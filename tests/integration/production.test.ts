// A fresh production install, run as `npm start` runs it (a child process): no demo accounts, the first
// administrator from `npm run admin:create`, logs free of secrets, and plain start-up errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import crypto from 'node:crypto';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { emptyDatabase, freePort, runEntry, startServer, type EmptyDatabase } from '../helpers/process.ts';

const ADMIN_PASSWORD = `Chief-${crypto.randomBytes(6).toString('hex')}`;
let db: EmptyDatabase;
let app: Awaited<ReturnType<typeof startServer>> | undefined;

const production = () => ({ NODE_ENV: 'production', SESSION_SECRET: 'production-test-secret-production-test-0', SECURE_COOKIES: 'false', LOG_LEVEL: 'info', ...db.env });

before(async () => {
  db = await emptyDatabase();
});
after(async () => {
  await app?.stop();
  await db?.drop();
});

/** stderr of a failed start: exactly one line, no stack trace. */
function plainLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  assert.doesNotMatch(stderr, /TypeError|\n\s+at /);
  return lines[0];
}

test('admin:create makes the first administrator once and refuses a second', async () => {
  const first = runEntry('src/cli/admin-create.ts', { ...production(), ADMIN_PASSWORD }, ['--username', 'chief', '--full-name', 'Trưởng ban']);
  assert.equal(await first.exited, 0, first.output());
  assert.match(first.stdout(), /administrator "chief" created/);
  assert.ok(!first.output().includes(ADMIN_PASSWORD), 'a password given in ADMIN_PASSWORD is not echoed');

  const second = runEntry('src/cli/admin-create.ts', { ...production(), ADMIN_PASSWORD: 'another-password-1' }, ['--username', 'deputy']);
  assert.equal(await second.exited, 1);
  assert.match(plainLine(second.stderr()), /an administrator already exists/);
});

test('a port already in use: one plain line and exit code 1', async () => {
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const port = (holder.address() as net.AddressInfo).port;
  try {
    const p = runEntry('src/server.ts', { ...production(), HOST: '127.0.0.1', PORT: String(port) });
    assert.equal(await p.exited, 1, p.output());
    assert.equal(plainLine(p.stderr()), `thidua: port ${port} is already in use on 127.0.0.1: stop the other program or set PORT to a free port`);
  } finally {
    holder.close();
  }
});

test('an unreachable database at start: one plain line without the password, and exit code 1', async () => {
  const closed = await freePort();
  const p = runEntry('src/server.ts', { ...production(), DATABASE_URL: `postgres://thidua:s3cret-pw@127.0.0.1:${closed}/thidua`, PORT: '0' });
  assert.equal(await p.exited, 1, p.output());
  const line = plainLine(p.stderr());
  assert.match(line, new RegExp(`^thidua: cannot reach the PostgreSQL server at 127\\.0\\.0\\.1:${closed}/thidua \\(DATABASE_URL\\): `));
  assert.ok(!line.includes('s3cret-pw'));
});

test('a PostgreSQL database without the migrations at start: one plain line naming `npm run db:migrate`, and exit code 1', async (t) => {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return t.skip('the embedded database migrates itself when it opens');
  const bare = await emptyDatabase({ migrate: false });
  t.after(() => bare.drop());
  const name = new URL(bare.env.DATABASE_URL!).pathname.slice(1);
  const p = runEntry('src/server.ts', { ...production(), ...bare.env, PORT: '0' });
  assert.equal(await p.exited, 1, p.output());
  const u = new URL(base);
  const line = plainLine(p.stderr());
  assert.ok(line.startsWith(`thidua: the database of the PostgreSQL server at ${u.hostname}:${u.port || '5432'}/${name} (DATABASE_URL) has no tables yet (`), line);
  assert.match(line, /has no tables yet \(\d+ migrations to apply\): run `npm run db:migrate` first$/);
});

test('in production without DEMO_DATA, admin / ThiDua@2026 cannot sign in; the administrator from admin:create can', async () => {
  app = await startServer(production());
  assert.doesNotMatch(app.stdout(), /Demo logins|ThiDua@2026/);
  const c = new Client(app.url);
  await c.get('/login');
  assert.equal((await c.post('/login', { username: 'admin', password: DEMO_PASSWORD })).status, 401);
  assert.equal((await c.post('/login', { username: 'halong', password: DEMO_PASSWORD })).status, 401);
  const ok = await c.post('/login', { username: 'chief', password: ADMIN_PASSWORD });
  assert.equal(ok.status, 303);
  const home = await c.get('/');
  assert.equal(home.status, 200);
  assert.match(home.text, /Trưởng ban/);
});

test('the logs of a signed-in session hold no cookie, session id, CSRF token or password', async () => {
  assert.ok(app, 'the app started in the test before');
  const secrets: string[] = [ADMIN_PASSWORD];
  let cookie = '';
  const send = async (method: string, path: string, form?: Record<string, string>) => {
    const res = await fetch(app!.url + path, {
      method,
      redirect: 'manual',
      headers: { cookie, accept: 'text/html', ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form) : undefined,
    });
    const set = res.headers.getSetCookie().find((s) => s.startsWith('thidua.sid='));
    if (set) {
      cookie = set.split(';')[0];
      const value = cookie.slice('thidua.sid='.length);
      secrets.push(value, decodeURIComponent(value), decodeURIComponent(value).slice(2).split('.')[0]);
    }
    const text = await res.text();
    const token = text.match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (token) secrets.push(token);
    return { status: res.status, token };
  };
  const login = await send('GET', '/login');
  assert.ok(login.token);
  assert.equal((await send('POST', '/login', { _csrf: login.token, username: 'chief', password: ADMIN_PASSWORD })).status, 303);
  const home = await send('GET', '/');
  assert.equal(home.status, 200);
  assert.equal((await send('POST', '/lang', { _csrf: home.token!, locale: 'en', next: '/' })).status, 303);
  assert.equal((await send('GET', '/no-such-page')).status, 404);
  assert.equal((await fetch(app.url + '/', { headers: { 'x-csrf-token': home.token!, cookie } })).status, 200);

  // the request lines are there (so the check below reads real logs), 4xx at warn
  let logs = '';
  for (let i = 0; i < 50 && !logs.includes('/no-such-page'); i++) {
    await new Promise((r) => setTimeout(r, 100));
    logs = app.stdout();
  }
  const lines = logs.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: number; msg: string });
  assert.ok(lines.some((l) => l.msg.startsWith('POST /login 303')), logs);
  assert.equal(lines.find((l) => l.msg.startsWith('GET /no-such-page 404'))?.level, 40);
  assert.ok(secrets.length >= 6);
  for (const s of secrets) assert.ok(!logs.includes(s), `the logs hold a secret: ${s.slice(0, 6)}…`);
  assert.doesNotMatch(logs, /thidua\.sid|set-cookie|"cookie"/i);
});
