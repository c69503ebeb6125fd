import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { cloneTestDatabase, DEMO_PASSWORD, type TestDatabase } from './db.ts';
import { Client } from './http.ts';

export type TestApp = {
  url: string;
  db: TestDatabase;
  prisma: TestDatabase['prisma'];
  config: Config;
  client(): Client;
  /** a client already signed in as a demo user (admin, officer, commander, or a unit code such as halong) */
  as(username: string): Promise<Client>;
  close(): Promise<void>;
};

/**
 * Start the real app on port 0 against a fresh clone of the demo database.
 * `onQuery` sees every SQL statement the app's Prisma client sends (to count a page's queries).
 */
export async function startTestApp(env: Record<string, string> = {}, opts: { onQuery?: (sql: string) => void } = {}): Promise<TestApp> {
  const db = await cloneTestDatabase({ onQuery: opts.onQuery });
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'test-secret-test-secret-test-secret-0123', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATA_DIR: '/nonexistent', ...env });
  const app = createApp({ config, logger: createLogger(config.logLevel), prisma: db.prisma, database: db });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  // The server never times out idle keep-alive sockets here; the client (undici, 4 s) closes them itself. Otherwise,
  // when the embedded database blocks the event loop, the server could close a socket just as the client reuses it
  // (a rare "fetch failed: ECONNRESET").
  server.keepAliveTimeout = 0;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    db,
    prisma: db.prisma,
    config,
    client: () => new Client(url),
    as: async (username: string) => {
      const c = new Client(url);
      await c.login(username, DEMO_PASSWORD);
      return c;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await db.close();
    },
  };
}

/**
 * The SQL statements the app sends while a piece of a test runs: give `onQuery` to startTestApp, then
 * `during(() => client.get(path))` returns what the piece returned and the statements it caused.
 */
export function statementRecorder() {
  let on = false;
  let sql: string[] = [];
  return {
    onQuery: (s: string) => {
      if (on) sql.push(s);
    },
    async during<T>(piece: () => Promise<T>): Promise<{ value: T; sql: string[] }> {
      sql = [];
      on = true;
      try {
        return { value: await piece(), sql };
      } finally {
        on = false;
      }
    },
  };
}
