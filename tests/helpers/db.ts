// Per-test-file databases. The runner (tests/run.ts) prepares one migrated, demo-seeded template:
// on PostgreSQL a template database, on the embedded default a PGlite snapshot file. Each test file
// clones it, so files are isolated and can run in parallel.
import fs from 'node:fs';
import crypto from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../../src/db/index.ts';

export const DEMO_PASSWORD = 'ThiDua@2026';

export function serverUrlFor(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + database;
  return u.toString();
}

/** Each `npm test` run has its own id, so parallel runs on one server never touch each other's databases. */
export function runId(): string {
  return process.env.THIDUA_TEST_RUN ?? 'manual';
}

export function templateName(url: string): string {
  return `${decodeURIComponent(new URL(url).pathname.slice(1))}_tpl_${runId()}`;
}

export type TestDatabase = Database & { url?: string };

/** A fresh copy of the template database for one test file. */
export async function cloneTestDatabase(opts: { onQuery?: (sql: string) => void } = {}): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const name = `thidua_t_${runId()}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrlFor(base, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName(base)}"`);
    } finally {
      await admin.end();
    }
    const url = serverUrlFor(base, name);
    const db = await openDatabase({ databaseUrl: url, dataDir: '', onQuery: opts.onQuery });
    return {
      ...db,
      url,
      close: async () => {
        await db.close();
        const c = new pg.Client({ connectionString: serverUrlFor(base, 'postgres') });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => c.end());
      },
    };
  }
  const snapshot = process.env.THIDUA_TEST_SNAPSHOT;
  if (!snapshot || !fs.existsSync(snapshot)) throw new Error('Run tests through `npm test` (tests/run.ts prepares the database snapshot).');
  const blob = new Blob([fs.readFileSync(snapshot)]);
  const pglite = await PGlite.create({ loadDataDir: blob });
  return openDatabase({ dataDir: '', pglite, migrate: false, onQuery: opts.onQuery });
}
