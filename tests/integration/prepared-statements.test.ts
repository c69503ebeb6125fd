// On a PostgreSQL server the app's statements are named prepared statements (src/db/statement-names.ts): each
// connection parses a statement once and may keep its plan. DATABASE_PREPARED_STATEMENTS=false sends them unnamed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cloneTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { openDatabase, type Database } from '../../src/db/index.ts';

const server = Boolean(process.env.TEST_DATABASE_URL);
const skip = server ? false : 'the embedded database (PGlite) has one connection and no statement names';
let db: TestDatabase;
before(async () => {
  if (server) db = await cloneTestDatabase();
});
after(() => db?.close());

/** The prepared statements on the connection of a transaction that first reads a user three times. */
async function preparedAfterReads(d: Database) {
  return d.prisma.$transaction(async (tx) => {
    const ids: (number | undefined)[] = [];
    // unnamed the first time, prepared the second, reused the third (src/db/statement-names.ts)
    for (let i = 0; i < 3; i++) ids.push((await tx.user.findFirst({ where: { username: 'commander' }, select: { id: true } }))?.id);
    assert.ok(ids[0] && ids.every((x) => x === ids[0]), 'the same statement three times on one connection');
    return tx.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements`;
  });
}

test('a statement the app sends is prepared once, named, on its connection', { skip }, async () => {
  const rows = await preparedAfterReads(db);
  const users = rows.filter((r) => r.name.startsWith('t_') && r.statement.includes('"User"'));
  assert.equal(users.length, 1, JSON.stringify(rows.map((r) => r.statement.slice(0, 60))));
});

test('DATABASE_PREPARED_STATEMENTS=false: nothing is prepared by name', { skip }, async () => {
  const off = await openDatabase({ databaseUrl: db.url, dataDir: '', preparedStatements: false });
  try {
    const rows = await preparedAfterReads(off);
    assert.deepEqual(rows.filter((r) => r.name.startsWith('t_')), []);
  } finally {
    await off.close();
  }
});
