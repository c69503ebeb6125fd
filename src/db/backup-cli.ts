// npm run db:backup [-- file]   /   npm run db:restore -- file
// Uses DATABASE_URL when set (pg_dump/pg_restore), else the embedded database in DATA_DIR
// (stop the app first: the embedded database allows one process at a time).
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';

const [command, fileArg] = process.argv.slice(2);
const config = loadConfig();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const defaultFile = path.join(config.dataDir, 'backups', `thidua-${stamp}.${config.databaseUrl ? 'dump' : 'tar.gz'}`);
try {
  if (command === 'backup') {
    const file = fileArg ?? defaultFile;
    await backupDatabase(config, file);
    process.stdout.write(`backup written to ${file}\n`);
  } else if (command === 'restore' && fileArg) {
    await restoreDatabase(config, fileArg);
    process.stdout.write(`restored from ${fileArg}\n`);
  } else {
    process.stderr.write('usage: npm run db:backup [-- <file>]  |  npm run db:restore -- <file>\n');
    process.exit(2);
  }
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
