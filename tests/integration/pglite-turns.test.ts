import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { PGlite } from '@electric-sql/pglite';
import { openPglite } from '../../prisma/engine/adapters.mjs';
import { takeTurns } from '../../src/db/pglite-turns.ts';

// The embedded database's queries take turns with the event loop (src/db/pglite-turns.ts): without them, a queue of
// queries holds the loop until it runs dry, and new connections wait to be accepted.

const SKIP = process.env.TEST_DATABASE_URL ? 'embedded-database checks run in the embedded-default test pass' : '';
const N = 400;
let plain: PGlite;
let turned: PGlite;

before(async () => {
  if (SKIP) return;
  [plain, turned] = await Promise.all([openPglite('memory://'), openPglite('memory://')]);
  takeTurns(turned);
});
after(async () => {
  await Promise.all([plain?.close(), turned?.close()]);
});

/** Send N queries at once, and count how many had finished when the event loop next reached its check phase. */
async function doneAtFirstTurn(db: PGlite): Promise<{ atTurn: number; values: number[] }> {
  let done = 0;
  const all = Array.from({ length: N }, (_, i) => db.query<{ v: number }>('SELECT $1::int AS v', [i]).then((r) => (done++, r.rows[0].v)));
  const atTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(done)));
  return { atTurn, values: await Promise.all(all) };
}

test('a queue of queries lets the event loop take turns, and every query answers in order', async (t) => {
  if (SKIP) return t.skip(SKIP);
  const control = await doneAtFirstTurn(plain);
  assert.equal(control.atTurn, N, 'without turns, PGlite holds the event loop until its queue runs dry');
  const { atTurn, values } = await doneAtFirstTurn(turned);
  assert.ok(atTurn < N, `the loop had a turn before the queue ran dry (${atTurn} of ${N} done)`);
  assert.deepEqual(values, Array.from({ length: N }, (_, i) => i));
});

/**
 * One request sending N queries one after another, as a page does through Prisma: between a result and the next
 * query there are several promise jobs, so the queue is empty each time it looks for more. Count the queries done
 * when the event loop next reached its check phase.
 */
async function oneByOneDoneAtFirstTurn(db: PGlite): Promise<{ atTurn: number; sum: number }> {
  let done = 0;
  const page = async () => {
    let sum = 0;
    for (let i = 0; i < N; i++) {
      sum += (await db.query<{ v: number }>('SELECT $1::int AS v', [i])).rows[0].v;
      done++;
      for (let hop = 0; hop < 3; hop++) await Promise.resolve();
    }
    return sum;
  };
  const all = page();
  const atTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(done)));
  return { atTurn, sum: await all };
}

test('queries sent one at a time share one turn, so the event loop gets its turn too', async (t) => {
  if (SKIP) return t.skip(SKIP);
  const control = await oneByOneDoneAtFirstTurn(plain);
  assert.equal(control.atTurn, N, 'without turns, the request holds the event loop until its last query');
  const { atTurn, sum } = await oneByOneDoneAtFirstTurn(turned);
  assert.ok(atTurn < N, `the loop had a turn before the last query (${atTurn} of ${N} done)`);
  assert.equal(sum, (N * (N - 1)) / 2);
});

test('an error answers its own query only; transactions and the queue go on', async (t) => {
  if (SKIP) return t.skip(SKIP);
  await turned.query('CREATE TABLE t (n int PRIMARY KEY)');
  const tx = turned.transaction(async (q) => {
    await q.query('INSERT INTO t VALUES (1)');
    await q.query('INSERT INTO t VALUES (2)');
  });
  const [first, bad, dup, count] = await Promise.allSettled([
    turned.query('SELECT 1 AS one'),
    turned.query('SELECT * FROM no_such_table'),
    turned.query('INSERT INTO t VALUES (1)'),
    turned.query<{ n: number }>('SELECT count(*)::int AS n FROM t'),
  ]);
  await tx;
  assert.equal(first.status, 'fulfilled');
  assert.equal(bad.status, 'rejected');
  assert.match(String((bad as PromiseRejectedResult).reason), /no_such_table/);
  // queued behind the transaction: its row 1 is there, so this insert is a duplicate
  assert.equal(dup.status, 'rejected');
  assert.match(String((dup as PromiseRejectedResult).reason), /duplicate key/);
  assert.equal(count.status, 'fulfilled');
  assert.equal((count as PromiseFulfilledResult<{ rows: { n: number }[] }>).value.rows[0].n, 2);
});

test('turns are set up once per instance', async (t) => {
  if (SKIP) return t.skip(SKIP);
  const query = turned.query;
  assert.equal(takeTurns(turned), turned);
  assert.equal(turned.query, query);
});
