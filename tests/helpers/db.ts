// Per-test-file databases. The runner (tests/run.ts) prepares one migrated, demo-seeded template:
// on PostgreSQL a template database, on the embedded default a PGlite data folder. Each test file
// clones it, so files are isolated and can run in parallel.
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { loadPglite } from '../../prisma/engine/adapters.mjs';
import { openDatabase, type Database } from '../../src/db/index.ts';

export const DEMO_PASSWORD = 'ThiDua@2026';

/**
 * PGlite settings of the test databases: 16 MB of shared buffers rather than the default 128 MB (the demo database
 * is a few MB; the larger pool cost each test file's start-up most of a CPU-second).
 */
export const TEST_PGLITE_PARAMS = ['-c', 'shared_buffers=16MB'];

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
  const template = process.env.THIDUA_TEST_TEMPLATE_DIR;
  if (!template || !fs.existsSync(template)) throw new Error('Run tests through `npm test` (tests/run.ts prepares the template database).');
  // a copy of the template's data folder, beside it (so the runner's cleanup also removes the copies of crashed
  // files), opened in place and removed when closed
  const dir = fs.mkdtempSync(path.join(path.dirname(template), 'clone-'));
  execFileSync('cp', ['-a', template + '/.', dir]);
  const { PGlite } = await loadPglite();
  const pglite = await PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, ...TEST_PGLITE_PARAMS] });
  const db = await openDatabase({ dataDir: '', pglite, migrate: false, onQuery: opts.onQuery });
  return {
    ...db,
    close: async () => {
      try {
        await db.close();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
