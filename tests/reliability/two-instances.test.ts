// Past one machine: two app processes on one PostgreSQL database behind nginx (Debian's package)
// on loopback. Sessions live in PostgreSQL, so a login made through one instance works through the
// other; killing one instance mid-load loses no acknowledged write.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { Client } from '../helpers/http.ts';
import { cloneTestDatabase, DEMO_PASSWORD, type TestDatabase } from '../helpers/db.ts';
import { newWriter, startAppProcess, startNginx, waitFor, whyNoNginx, writeLoop, type AppProcess } from './harness.ts';

const skip = whyNoNginx() ?? (process.env.TEST_DATABASE_URL ? undefined : 'runs in the PostgreSQL pass (TEST_DATABASE_URL)');
let db: TestDatabase | undefined;
let unitId = 0;
const apps: AppProcess[] = [];
let nginx: { url: string; stop(): void } | undefined;

before(async () => {
  if (skip) return;
  db = await cloneTestDatabase();
  unitId = (await db.prisma.unit.findUniqueOrThrow({ where: { code: 'HALONG' } })).id;
  apps.push(await startAppProcess(db.url!), await startAppProcess(db.url!));
  nginx = await startNginx(apps.map((a) => a.url));
});
after(async () => {
  nginx?.stop();
  for (const a of apps) {
    a.kill('SIGKILL');
    await a.exited;
  }
  await db?.close();
});

/** A client for `base` that carries over another client's cookies and CSRF token. */
function sameBrowser(from: Client, base: string): Client {
  const c = new Client(base);
  Object.assign(c, { cookies: new Map((from as unknown as { cookies: Map<string, string> }).cookies), csrf: from.csrf });
  return c;
}

test('a user signs in through one instance and keeps working through the other', { skip, timeout: 120_000 }, async () => {
  const [a, b] = apps;
  const viaA = new Client(a.url);
  await viaA.login('admin', DEMO_PASSWORD);
  const viaB = sameBrowser(viaA, b.url);
  const home = await viaB.get('/');
  assert.equal(home.status, 200);
  assert.match(home.text, /Quản trị hệ thống|admin/i, 'instance B knows the session created by instance A');
  const res = await viaB.post('/clusters', { name: 'Cụm tạo qua máy B', leadUnitId: unitId, memberIds: [unitId] });
  assert.equal(res.status, 303, 'the CSRF token issued by A is valid on B');
  assert.equal(await db!.prisma.cluster.count({ where: { name: 'Cụm tạo qua máy B' } }), 1);
  // logging out on B ends the session on A too
  await viaB.post('/logout', {});
  assert.equal((await viaA.get('/')).status, 303);
});

test('through nginx: killing one instance mid-load loses no acknowledged write, and the other keeps serving', { skip, timeout: 180_000 }, async () => {
  const user = new Client(nginx!.url);
  await user.login('admin', DEMO_PASSWORD);
  const writer = newWriter();
  let stop = false;
  let killedAt = 0;
  const load = writeLoop(user, writer, { label: 'nginx', unitId, parallel: 6, until: () => stop });
  await waitFor(async () => writer.acknowledged.length >= 5, 60_000);
  const beforeKill = writer.acknowledged.length;
  apps[0].kill('SIGKILL');
  killedAt = writer.acknowledged.length;
  // the surviving instance goes on acknowledging (asserted below), however long that takes on a busy machine
  await waitFor(async () => writer.acknowledged.length > killedAt + 5, 60_000);
  stop = true;
  await load;
  assert.ok(beforeKill > 0, 'writes were acknowledged before the kill');
  assert.ok(writer.acknowledged.length > killedAt + 5, `the surviving instance kept acknowledging writes (statuses ${JSON.stringify(writer.statuses)})`);
  const c = new pg.Client({ connectionString: db!.url });
  await c.connect();
  const stored = new Set((await c.query<{ name: string }>(`SELECT name FROM "Cluster"`)).rows.map((r) => r.name));
  await c.end();
  assert.deepEqual(writer.acknowledged.filter((n) => !stored.has(n)), [], `every acknowledged write is stored (${writer.acknowledged.length})`);
  const after = await user.get('/');
  assert.equal(after.status, 200, 'the same session still works through nginx after one instance died');
});
