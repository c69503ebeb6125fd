// On a PostgreSQL server a transaction holds one connection, and Prisma sends a transaction's independent reads to
// it together. pg's own queue for a query sent while another runs is deprecated (pg 9 removes it), so the app's
// client sends them one at a time itself (CharAsTextClient in prisma/engine/adapters.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { cloneTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { CharAsTextClient, pgPoolConfig } from '../../src/db/pg.ts';

const server = Boolean(process.env.TEST_DATABASE_URL);
const skip = server ? false : 'the embedded database (PGlite) has no pg client';
let db: TestDatabase;
// pg warns once per process when a query is sent to a client already running one
const queueWarnings: string[] = [];
const onWarning = (w: Error) => {
  if (/already executing a query/.test(w.message)) queueWarnings.push(w.message);
};
before(async () => {
  process.on('warning', onWarning);
  if (server) db = await cloneTestDatabase();
});
after(async () => {
  process.off('warning', onWarning);
  await db?.close();
});
const nextTurn = () => new Promise((r) => setImmediate(r));

test('queries sent together to one client run in the order sent, a failure answers only its own, and pg queues none', { skip }, async () => {
  const client = new CharAsTextClient(pgPoolConfig(db.url!)) as pg.Client;
  await client.connect();
  try {
    const done: number[] = [];
    const send = (n: number, sql: string) =>
      client.query(sql).then(
        (r) => (done.push(n), r.rows[0]),
        (e: Error) => (done.push(n), e),
      );
    const [a, b, c, d] = await Promise.all([
      send(1, 'SELECT pg_sleep(0.05), 1 AS n'),
      send(2, 'SELECT 2 AS n'),
      send(3, 'SELECT 1 / 0 AS n'),
      send(4, 'SELECT 4 AS n'),
    ]);
    assert.equal(a.n, 1);
    assert.equal(b.n, 2);
    assert.match(String(c), /division by zero/);
    assert.equal(d.n, 4);
    assert.deepEqual(done, [1, 2, 3, 4]);
    // a callback-style call (as pg.Pool makes) still works
    const viaCallback = await new Promise((resolve, reject) => client.query('SELECT 5 AS n', (e, r) => (e ? reject(e) : resolve(r.rows[0].n))));
    assert.equal(viaCallback, 5);
    await nextTurn();
    assert.deepEqual(queueWarnings, []);
  } finally {
    await client.end();
  }
});

test('a Prisma transaction reading side by side gets every answer, and pg queues none', { skip }, async () => {
  const [users, units, campaign, unitCount] = await db.prisma.$transaction(async (tx) =>
    Promise.all([
      tx.user.findMany({ select: { username: true }, orderBy: { id: 'asc' } }),
      tx.unit.findMany({ select: { id: true }, orderBy: { id: 'asc' } }),
      tx.campaign.findFirst({ include: { criteria: true, units: true, periods: true }, orderBy: { id: 'asc' } }),
      tx.unit.count(),
    ]),
  );
  assert.ok(users.some((u) => u.username === 'commander'));
  assert.equal(units.length, unitCount);
  assert.ok(campaign && campaign.criteria.length > 0 && campaign.units.length > 0 && campaign.periods.length > 0);
  await nextTurn();
  assert.deepEqual(queueWarnings, []);
});
