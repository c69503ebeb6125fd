// The app as `npm start` runs it, in a child process: src/server.ts (or another entry) through tsx, or compiled
// when the tests run compiled (tests/helpers/paths.ts),
// with the environment given and nothing inherited that picks a database.
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { applyMigrations } from '../../src/db/migrate.ts';
import { createPgAdapter } from '../../src/db/pg.ts';
import { runId, serverUrlFor } from './db.ts';
import { PROJECT_ROOT as root, entryArgs } from './paths.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The environment of a child: PATH and HOME only, so no DATABASE_URL or NODE_ENV leaks in from the runner. */
function baseEnv(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir() };
}

export type Proc = { child: ChildProcess; output(): string; stdout(): string; stderr(): string; exited: Promise<number | null> };

/** Run `entry` (a path under the project, e.g. src/server.ts) through tsx, or compiled. */
export function runEntry(entry: string, env: Record<string, string>, args: string[] = []): Proc {
  const child = spawn(process.execPath, [...entryArgs(entry), ...args], { cwd: root, env: { ...baseEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => out + err, stdout: () => out, stderr: () => err, exited };
}

/** Start src/server.ts on a free loopback port; resolves with its URL once it prints that it runs. */
export async function startServer(env: Record<string, string>): Promise<Proc & { url: string; stop(): Promise<number | null> }> {
  const port = await freePort();
  const p = runEntry('src/server.ts', { HOST: '127.0.0.1', PORT: String(port), ...env });
  const deadline = Date.now() + 180_000;
  while (!p.stdout().includes('thidua is running')) {
    if (p.child.exitCode !== null) throw new Error(`app exited early:\n${p.output()}`);
    if (Date.now() > deadline) throw new Error(`app did not start:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    ...p,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (p.child.exitCode === null) p.child.kill('SIGTERM');
      return p.exited;
    },
  };
}

export type EmptyDatabase = { env: Record<string, string>; drop(): Promise<void> };

/**
 * A migrated database with no users, as a fresh install has: on PostgreSQL (TEST_DATABASE_URL) a new
 * database, on the embedded default a new data folder (the app migrates it when it opens).
 * `migrate: false` leaves the PostgreSQL database without tables, as before `npm run db:migrate`.
 */
export async function emptyDatabase(opts: { migrate?: boolean } = {}): Promise<EmptyDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-fresh-'));
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return { env: { DATA_DIR: dataDir }, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  const name = `thidua_t_${runId()}_fresh_${crypto.randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrlFor(base, 'postgres') });
    await c.connect();
    await c.query(sql).finally(() => c.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = serverUrlFor(base, name);
  if (opts.migrate !== false) await applyMigrations(createPgAdapter(url));
  return {
    env: { DATABASE_URL: url, DATA_DIR: dataDir },
    drop: async () => {
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
