// Backup and restore of the configured database (npm run db:backup / db:restore).
// PostgreSQL: pg_dump's custom format and pg_restore --clean in one transaction.
// Embedded PGlite: dumpDataDir() (a gzipped tarball of the data folder); restoring swaps the
// folder atomically and keeps the previous one beside it until the new one opened cleanly.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock, openPglite } from '../../prisma/engine/adapters.mjs';

export type BackupTarget = { databaseUrl?: string; dataDir: string };

export async function backupDatabase(target: BackupTarget, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.partial`;
  try {
    if (target.databaseUrl) {
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, pgUrl(target.databaseUrl)]);
    } else {
      const db = await openPglite(pgliteDir(target), { lockWaitMs: 0 });
      try {
        const dump = await db.dumpDataDir('gzip');
        fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
      } finally {
        await db.close();
      }
    }
    fs.renameSync(tmp, file); // a backup file is either whole or absent
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export async function restoreDatabase(target: BackupTarget, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`No backup file at ${file}`);
  if (target.databaseUrl) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${pgUrl(target.databaseUrl)}`, file]);
    return;
  }
  const dir = pgliteDir(target);
  const release = await acquireDataDirLock(dir, 0); // refuses while the app holds the folder
  const incoming = `${dir}.restoring`;
  const previous = `${dir}.before-restore`;
  try {
    fs.rmSync(incoming, { recursive: true, force: true });
    const db = await PGlite.create({ dataDir: incoming, loadDataDir: new Blob([fs.readFileSync(file)]) });
    await db.query('SELECT 1 FROM "_prisma_migrations" LIMIT 1'); // a thidua database, and readable
    await db.close();
    fs.rmSync(previous, { recursive: true, force: true });
    if (fs.existsSync(dir)) fs.renameSync(dir, previous);
    fs.renameSync(incoming, dir);
  } catch (e) {
    fs.rmSync(incoming, { recursive: true, force: true });
    throw e;
  } finally {
    release();
  }
}

function pgliteDir(target: BackupTarget): string {
  return path.join(target.dataDir, 'pglite');
}

/** libpq does not know Prisma's extra URL parameters (e.g. ?schema=) */
function pgUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.delete('schema');
  return u.toString();
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', (e) => reject(new Error(`${cmd} could not start (${e.message}); install the PostgreSQL client tools`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (exit ${code}): ${stderr.trim()}`))));
  });
}
