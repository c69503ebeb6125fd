// npm run db:backup / db:restore, round trip, through the real npm scripts: on a private PostgreSQL
// cluster (pg_dump/pg_restore) and on an embedded PGlite data folder (dumpDataDir).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { prepareDatabase, privatePostgres, whyNoPrivatePostgres } from './harness.ts';
import { PROJECT_ROOT } from '../helpers/paths.ts';

const root = PROJECT_ROOT;

function npmRun(script: string, args: string[], env: Record<string, string | undefined>) {
  const childEnv = { ...process.env, ...env, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv;
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  return spawnSync('npm', ['run', '--silent', script, '--', ...args], { cwd: root, env: childEnv, encoding: 'utf8' });
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

test('PostgreSQL: backup, damage, restore gives back exactly the backed-up data', { skip: whyNoPrivatePostgres(), timeout: 300_000 }, async () => {
  const pgc = await privatePostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-backup-'));
  try {
    await prepareDatabase(pgc.url);
    const before = await query<{ n: string; sum: string }>(pgc.url, `SELECT count(*)::text n, coalesce(sum(points),0)::text sum FROM "Score"`);
    const units = await query<{ n: string }>(pgc.url, `SELECT count(*)::text n FROM "Unit"`);
    const file = path.join(dir, 'thidua.dump');
    const env = { DATABASE_URL: pgc.url, DATA_DIR: dir, SESSION_SECRET: 'backup-secret-backup-secret-backup-0' };
    const b = npmRun('db:backup', [file], env);
    assert.equal(b.status, 0, b.stderr);
    assert.ok(fs.statSync(file).size > 1000, 'a dump file was written');

    await query(pgc.url, `DELETE FROM "Score"`);
    await query(pgc.url, `UPDATE "Unit" SET name = 'damaged'`);
    await query(pgc.url, `CREATE TABLE "Stray" (id int)`); // not in the backup; restore leaves it alone

    const r = npmRun('db:restore', [file], env);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(await query(pgc.url, `SELECT count(*)::text n, coalesce(sum(points),0)::text sum FROM "Score"`), before);
    assert.deepEqual(await query(pgc.url, `SELECT count(*)::text n FROM "Unit"`), units);
    assert.deepEqual(await query(pgc.url, `SELECT count(*)::text n FROM "Unit" WHERE name = 'damaged'`), [{ n: '0' }]);

    const missing = npmRun('db:restore', [path.join(dir, 'nope.dump')], env);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /No backup file/);
  } finally {
    pgc.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const embeddedSkip = process.env.TEST_DATABASE_URL ? 'runs in the embedded pass' : undefined;
test('embedded PGlite: backup, damage, restore; refused while the data folder is in use', { skip: embeddedSkip, timeout: 300_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-backup-'));
  const dataDir = path.join(dir, 'pglite');
  try {
    // an embedded data folder with the app's schema and a little data
    const db = await PGlite.create({ dataDir });
    await db.exec(`CREATE TABLE "_prisma_migrations" (id text); CREATE TABLE "Unit" (id int primary key, name text);
      INSERT INTO "Unit" SELECT g, 'Đơn vị ' || g FROM generate_series(1, 15) g;`);
    await db.close();
    const env = { DATABASE_URL: undefined, DATA_DIR: dir };
    const file = path.join(dir, 'backup.tar.gz');
    const b = npmRun('db:backup', [file], env);
    assert.equal(b.status, 0, b.stderr);

    const db2 = await PGlite.create({ dataDir });
    await db2.exec(`DELETE FROM "Unit" WHERE id > 5; UPDATE "Unit" SET name = 'damaged'`);
    // while a process holds the folder (the app would), restore refuses and changes nothing
    fs.writeFileSync(`${dataDir}.lock`, String(process.pid));
    const busy = npmRun('db:restore', [file], env);
    assert.equal(busy.status, 1);
    assert.match(busy.stderr, /in use/);
    fs.rmSync(`${dataDir}.lock`);
    await db2.close();

    const r = npmRun('db:restore', [file], env);
    assert.equal(r.status, 0, r.stderr);
    const db3 = await PGlite.create({ dataDir });
    const rows = await db3.query<{ n: number; damaged: number }>(`SELECT count(*)::int n, count(*) FILTER (WHERE name = 'damaged')::int damaged FROM "Unit"`);
    await db3.close();
    assert.deepEqual(rows.rows, [{ n: 15, damaged: 0 }]);
    assert.ok(fs.existsSync(`${dataDir}.before-restore`), 'the replaced folder is kept beside it');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
