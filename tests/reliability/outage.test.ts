// Database outage and graceful shutdown, with the app as its own process on a private PostgreSQL
// cluster that the test stops and starts under load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { Client } from '../helpers/http.ts';
import { DEMO_PASSWORD } from '../helpers/db.ts';
import { newWriter, prepareDatabase, privatePostgres, startAppProcess, waitFor, whyNoPrivatePostgres, writeLoop, type PrivatePostgres } from './harness.ts';

const skip = whyNoPrivatePostgres();
let pgc: PrivatePostgres | undefined;
let unitId = 0;

before(async () => {
  if (skip) return;
  pgc = await privatePostgres();
  await prepareDatabase(pgc.url);
  const c = new pg.Client({ connectionString: pgc.url });
  await c.connect();
  unitId = (await c.query<{ id: number }>(`SELECT id FROM "Unit" WHERE code = 'HALONG'`)).rows[0].id;
  await c.end();
});
after(() => pgc?.destroy());

async function clusterNames(url: string): Promise<Set<string>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return new Set((await c.query<{ name: string }>(`SELECT name FROM "Cluster"`)).rows.map((r) => r.name));
  } finally {
    await c.end();
  }
}

test('database outage under load: 503 pages, /readyz down, recovery by itself, no acknowledged write lost', { skip, timeout: 300_000 }, async () => {
  const app = await startAppProcess(pgc!.url);
  let stopLoad: (() => void) | undefined;
  try {
    const admin = new Client(app.url);
    await admin.login('admin', DEMO_PASSWORD);
    const writer = newWriter();
    let phase: 'before' | 'down' | 'after' | 'done' = 'before';
    const bad: string[] = [];
    const friendly503: number[] = [];
    const load = writeLoop(admin, writer, {
      label: 'outage',
      unitId,
      parallel: 4,
      until: () => phase === 'done',
      onResponse: (status, text) => {
        if (status >= 500 && status !== 503) bad.push(`${phase}: ${status}`);
        if (status === 503 && /lang="(vi|en)"/.test(text) && !/at .*\.ts:\d+/.test(text)) friendly503.push(status);
      },
    });
    stopLoad = () => (phase = 'done');
    // the load is under way (a few writes acknowledged), however long that takes on a busy machine
    await waitFor(async () => writer.acknowledged.length >= 5, 60_000);
    const beforeOutage = writer.acknowledged.length;
    pgc!.stop();
    phase = 'down';
    const ready = await fetch(`${app.url}/readyz`);
    assert.equal(ready.status, 503, '/readyz reports the outage');
    assert.deepEqual(await ready.json(), { status: 'unavailable', database: 'down' });
    // on a connection of its own: the load's pooled sockets are being answered 503 and closed at the same moment
    const page = await admin.getOnNewConnection('/');
    assert.equal(page.status, 503, 'a page that needs the database answers 503');
    assert.match(page.text, /<html/);
    // the load meets the outage: requests answered with the friendly 503 page (asserted below)
    await waitFor(async () => friendly503.length >= 3, 60_000);
    pgc!.start();
    phase = 'after';
    assert.ok(await waitFor(async () => (await fetch(`${app.url}/readyz`)).status === 200, 60_000), 'the app recovers by itself');
    const ackBeforeRecovery = writer.acknowledged.length;
    assert.ok(await waitFor(async () => writer.acknowledged.length > ackBeforeRecovery + 3, 60_000), 'writes succeed again after recovery');
    phase = 'done';
    await load;

    assert.equal(app.child.exitCode, null, `the app did not crash:\n${app.output()}`);
    assert.ok(beforeOutage > 0, 'some writes were acknowledged before the outage');
    assert.ok(friendly503.length > 0, `requests during the outage got the friendly 503 page (statuses ${JSON.stringify(writer.statuses)})`);
    assert.deepEqual(bad, [], `no 500s; app log:\n${app.output()}`);
    const stored = await clusterNames(pgc!.url);
    const lost = writer.acknowledged.filter((n) => !stored.has(n));
    assert.deepEqual(lost, [], `every acknowledged write is stored (${writer.acknowledged.length} acknowledged)`);
    // the session lives in PostgreSQL, so the same login still works after the outage
    const home = await admin.get('/');
    assert.equal(home.status, 200);
  } finally {
    stopLoad?.();
    if (!(await pgUp())) pgc!.start();
    app.kill('SIGKILL');
    await app.exited;
  }
});

async function pgUp(): Promise<boolean> {
  const c = new pg.Client({ connectionString: pgc!.url });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

test('SIGTERM under load finishes in-flight requests and loses no acknowledged write', { skip, timeout: 300_000 }, async () => {
  const app = await startAppProcess(pgc!.url);
  const admin = new Client(app.url);
  await admin.login('admin', DEMO_PASSWORD);
  const writer = newWriter();
  let stop = false;
  const load = writeLoop(admin, writer, { label: 'sigterm', unitId, parallel: 6, until: () => stop });
  await waitFor(async () => writer.acknowledged.length >= 5, 60_000);
  app.kill('SIGTERM');
  const code = await app.exited;
  stop = true;
  await load;
  assert.equal(code, 0, `clean exit after SIGTERM:\n${app.output()}`);
  assert.ok(writer.acknowledged.length > 0);
  const errors = Object.entries(writer.statuses).filter(([s]) => Number(s) >= 500);
  assert.deepEqual(errors, [], 'no request was answered with an error while shutting down');
  const stored = await clusterNames(pgc!.url);
  assert.deepEqual(writer.acknowledged.filter((n) => !stored.has(n)), [], 'every acknowledged write is stored');
});
