// The app in this process on a bench database (bench/cost.ts and the profiles page-profile.ts, save-profile.ts):
// every SQL statement Prisma sends is reported to `onQuery`, and a profile of this process covers the app alone.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { openDatabase, type Database } from '../src/db/index.ts';

export type InProcessApp = { site: string; server: Server; database: Database };

export async function startInProcess(url: string, onQuery: (sql: string) => void): Promise<InProcessApp> {
  const database = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent', onQuery });
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'bench-session-secret-0123456789-abcdefghij', LOG_LEVEL: 'warn', DATA_DIR: '/nonexistent', LOGIN_MAX_ATTEMPTS: '10000' });
  const app = createApp({ config, logger: createLogger(config.logLevel), prisma: database.prisma, database });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { site: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, database };
}
