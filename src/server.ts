// npm start: read config → open the database (embedded by default) → createApp() → listen.
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { openDatabase } from './db/index.ts';
import { createApp } from './app.ts';
import { seedDemo } from './demo/seed.ts';
import { DEFAULT_DEMO_PASSWORD, FOCAL_UNITS, STAFF } from './demo/data.ts';

let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(e.message + '\n');
    process.exit(1);
  }
  throw e;
}
const logger = createLogger(config.logLevel);
const database = await openDatabase(config);
let demoPassword: string | null = null;
if (database.kind === 'embedded') {
  const password = config.demoPassword ?? DEFAULT_DEMO_PASSWORD;
  if (await seedDemo(database.prisma, password)) logger.info('demo data loaded into the embedded database');
  demoPassword = config.demoPassword ? '(DEMO_PASSWORD)' : DEFAULT_DEMO_PASSWORD;
}
const app = createApp({ config, logger, prisma: database.prisma, database });
const server = app.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  const lines = [
    '',
    `  thidua is running at http://localhost:${port}`,
    `  database: ${database.kind === 'embedded' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL server (DATABASE_URL)'}`,
  ];
  if (demoPassword) {
    lines.push(
      '',
      '  Demo logins (demo data from the reference case):',
      `    ${STAFF.map((s) => s.username).join(', ')}`,
      `    unit accounts: ${FOCAL_UNITS.map((u) => u.code.toLowerCase()).join(', ')}`,
      `    password: ${demoPassword}`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n\n');
});
server.keepAliveTimeout = 65_000;

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  // keep-alive clients would keep a draining server busy forever: answer what is in flight with
  // "Connection: close" and drop connections as soon as they fall idle
  server.prependListener('request', (_req, res) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  });
  setInterval(() => server.closeIdleConnections(), 100).unref();
  server.close(async () => {
    await database.close();
    logger.info('stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
