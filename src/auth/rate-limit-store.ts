import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Db } from '../db/index.ts';

const PRUNE_EVERY_MS = 60 * 60 * 1000;

type Row = { hits: number; resetAt: Date };

/**
 * express-rate-limit store in PostgreSQL (table "RateLimit"), so N app instances share one count per client
 * instead of allowing N times the rate. Each increment is one atomic upsert; the window is fixed, and the
 * database clock decides when it ends, so instances with skewed clocks still agree.
 */
export class PrismaRateLimitStore implements Store {
  /** keys are shared with every instance: express-rate-limit must not assume they are local */
  readonly localKeys = false;
  private windowMs = 60_000;
  private lastPrune = 0;

  constructor(
    private readonly prisma: Db,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const rows = await this.prisma.$queryRaw<Row[]>`
      SELECT "hits", "resetAt" FROM "RateLimit" WHERE "key" = ${this.prefix + key} AND "resetAt" > now()`;
    return rows[0] ? { totalHits: rows[0].hits, resetTime: rows[0].resetAt } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    await this.maybePrune();
    const rows = await this.prisma.$queryRaw<Row[]>`
      INSERT INTO "RateLimit" AS r ("key", "hits", "resetAt")
      VALUES (${this.prefix + key}, 1, now() + ${this.windowMs} * interval '1 millisecond')
      ON CONFLICT ("key") DO UPDATE SET
        "hits" = CASE WHEN r."resetAt" <= now() THEN 1 ELSE r."hits" + 1 END,
        "resetAt" = CASE WHEN r."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE r."resetAt" END
      RETURNING "hits", "resetAt"`;
    return { totalHits: rows[0].hits, resetTime: rows[0].resetAt };
  }

  async decrement(key: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "RateLimit" SET "hits" = GREATEST("hits" - 1, 0) WHERE "key" = ${this.prefix + key} AND "resetAt" > now()`;
  }

  async resetKey(key: string): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM "RateLimit" WHERE "key" = ${this.prefix + key}`;
  }

  /** Delete ended windows at most once an hour per instance, piggy-backing on increments (no timers to leak). */
  private async maybePrune(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await this.prisma.$executeRaw`DELETE FROM "RateLimit" WHERE "resetAt" <= now()`;
  }
}
