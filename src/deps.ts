import type { Config } from './config.ts';
import type { Database, Db } from './db/index.ts';
import type { Logger } from './logger.ts';

/** What every feature router is built from. */
export type AppDeps = {
  config: Config;
  logger: Logger;
  prisma: Db;
  database: Database;
};
