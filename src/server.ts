// npm start: read config → open the database (embedded by default) → createApp() → listen.
// A start-up failure (bad config, unreachable database, port in use) is one plain line on stderr, exit 1.
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { openDatabase, type Database } from './db/index.ts';
import { createApp } from './app.ts';
import { seedDemo } from './demo/seed.ts';
import { DEFAULT_DEMO_PASSWORD, FOCAL_UNITS, STAFF } from './demo/data.ts';
import { describeDatabaseUrl, listen, openReachableDatabase, portOf, StartupError } from './startup.ts';
import { openReplicaClient, replicaReads, type Reads } from './db/replica.ts';

function fail(message: string): never {
  process.stderr.write(`thidua: ${message}\n`);
  process.exit(1);
}

/** Demo data only when asked for (DEMO_DATA, or development on the embedded database); else say how to make the first admin. */
async function prepareAccounts(config: Config, database: Database, logger: Logger): Promise<string[]> {
  if (config.demoData) {
    const password = config.demoPassword ?? DEFAULT_DEMO_PASSWORD;
    if (await seedDemo(database.prisma, password)) logger.info('demo data loaded');
    return [
      '',
      '  Demo logins (demo data from the reference case):',
      `    ${STAFF.map((s) => s.username).join(', ')}`,
      `    unit accounts: ${FOCAL_UNITS.map((u) => u.code.toLowerCase()).join(', ')}`,
      `    password: ${config.demoPassword ? '(DEMO_PASSWORD)' : DEFAULT_DEMO_PASSWORD}`,
    ];
  }
  if ((await database.prisma.user.count()) > 0) return [];
  logger.warn('no accounts yet: create the first administrator with `npm run admin:create`');
  return ['', '  No accounts yet. Stop the app and create the first administrator:', '    npm run admin:create -- --username <name>'];
}

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) fail(e.message);
  throw e;
}
const logger = createLogger(config.logLevel, { pretty: config.env === 'development' });

let database: Database;
let server: Awaited<ReturnType<typeof listen>>;
let notes: string[];
let opened: Database | undefined;
let reads: Reads | undefined;
try {
  database = opened = await openReachableDatabase(config, () => openDatabase(config));
  notes = await prepareAccounts(config, database, logger);
  // a replica that is down at start is no reason not to serve: pages read from the primary until it answers
  if (config.replicaUrl) reads = replicaReads(database.prisma, openReplicaClient(config.replicaUrl, { preparedStatements: config.preparedStatements }), { logger });
  server = await listen(createApp({ config, logger, prisma: database.prisma, database, reads }), config.port, config.host);
} catch (e) {
  if (!(e instanceof StartupError)) throw e;
  // free the embedded database's folder lock before leaving
  await opened?.close().catch(() => undefined);
  await reads?.close().catch(() => undefined);
  fail(e.message);
}
server.keepAliveTimeout = 65_000;
process.stdout.write(
  [
    '',
    `  thidua is running at http://localhost:${portOf(server)}`,
    `  database: ${database.kind === 'embedded' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL server (DATABASE_URL)'}`,
    ...(config.replicaUrl ? [`  read replica: ${describeDatabaseUrl(config.replicaUrl)} (DATABASE_REPLICA_URL) for dashboards, ranking, exports, report`] : []),
    ...notes,
  ].join('\n') + '\n\n',
);

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
    await reads?.close();
    await database.close();
    logger.info('stopped');
    logger.flush();
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
