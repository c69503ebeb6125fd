import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { z } from 'zod';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATABASE_REPLICA_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATABASE_PREPARED_STATEMENTS: boolish.default(true),
  DATA_DIR: z.string().default('./data'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DEMO_PASSWORD: z.string().min(8).optional(),
  DEMO_DATA: boolish.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().default('loopback'),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  SECURE_COOKIES: boolish.optional(),
  UPLOAD_MAX_MB: z.coerce.number().positive().max(50).default(5),
});

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** a PostgreSQL server URL, or undefined for the embedded PGlite database */
  databaseUrl?: string;
  /** a streaming replica of databaseUrl that read-heavy pages read from when it is caught up (src/db/replica.ts) */
  replicaUrl?: string;
  /** named prepared statements on the PostgreSQL server and replica (src/db/statement-names.ts) */
  preparedStatements: boolean;
  dataDir: string;
  sessionSecret: string;
  demoPassword?: string;
  /** load the demo data (published logins) into an empty database: DEMO_DATA=true, or development on the embedded database */
  demoData: boolean;
  logLevel: string;
  trustProxy: string;
  loginMaxAttempts: number;
  loginWindowMinutes: number;
  secureCookies: boolean;
  uploadMaxBytes: number;
}>;

export class ConfigError extends Error {}

/** The embedded default keeps a generated secret in its data folder, so restarts keep sessions. */
function embeddedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(48).toString('base64url');
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** Parse the environment once. Throws ConfigError with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_REPLICA_URL: needs DATABASE_URL (a replica is a standby of a PostgreSQL server; the embedded database has none)',
    );
  }
  const dataDir = path.resolve(e.DATA_DIR);
  let secret = e.SESSION_SECRET;
  if (!secret) {
    if (e.NODE_ENV === 'production') {
      throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required in production (at least 32 characters)');
    }
    secret = embeddedSecret(dataDir);
  }
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    replicaUrl: e.DATABASE_REPLICA_URL,
    preparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    dataDir,
    sessionSecret: secret,
    demoPassword: e.DEMO_PASSWORD,
    demoData: e.DEMO_DATA ?? (e.NODE_ENV === 'development' && !e.DATABASE_URL),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
    loginWindowMinutes: e.LOGIN_WINDOW_MINUTES,
    secureCookies: e.SECURE_COOKIES ?? e.NODE_ENV === 'production',
    uploadMaxBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024),
  });
}
