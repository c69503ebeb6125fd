// npm run admin:create -- --username <name> [--full-name "<name>"]
// Creates the first administrator of a fresh install, once: it refuses when an administrator exists.
// The password is ADMIN_PASSWORD when set (at least 10 characters), otherwise a random one printed once.
// Run it while the app is stopped when the database is the embedded one (one process at a time).
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/index.ts';
import { createFirstAdmin, FirstAdminError } from '../users/first-admin.ts';
import { openReachableDatabase, StartupError } from '../startup.ts';

function fail(message: string): never {
  process.stderr.write(`admin:create: ${message}\n`);
  process.exit(1);
}

const { values } = parseArgs({
  options: { username: { type: 'string', default: 'admin' }, 'full-name': { type: 'string', default: 'Quản trị hệ thống' } },
  strict: true,
});
const given = process.env.ADMIN_PASSWORD;
if (given !== undefined && given.length < 10) fail('ADMIN_PASSWORD must be at least 10 characters');
const password = given ?? crypto.randomBytes(12).toString('base64url');

try {
  const config = loadConfig();
  const database = await openReachableDatabase(config, () => openDatabase(config));
  try {
    const user = await createFirstAdmin(database.prisma, { username: values.username, fullName: values['full-name'], password });
    process.stdout.write(
      [
        `administrator "${user.username}" created.`,
        given === undefined ? `  password (shown once, change it after signing in): ${password}` : '  password: the one in ADMIN_PASSWORD',
        '',
      ].join('\n'),
    );
  } finally {
    await database.close();
  }
} catch (e) {
  if (e instanceof ConfigError || e instanceof StartupError || e instanceof FirstAdminError) fail(e.message);
  throw e;
}
