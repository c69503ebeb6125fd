import type { Config } from './config.ts';
import type { Database, Db } from './db/index.ts';
import type { Logger } from './logger.ts';
import type { Reads } from './db/replica.ts';

/** What every feature router is built from. */
export type AppDeps = {
  config: Config;
  logger: Logger;
  prisma: Db;
  database: Database;
  /** where read-heavy pages read (a caught-up replica, else the primary); default: the primary */
  reads?: Reads;
};
