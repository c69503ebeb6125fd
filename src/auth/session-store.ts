import session from 'express-session';
import type { Db } from '../db/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** express-session store in PostgreSQL (Prisma), so sessions survive restarts and are shared by instances. */
export class PrismaSessionStore extends session.Store {
  private lastPrune = 0;

  constructor(private readonly prisma: Db) {
    super();
  }

  private expiry(sess: session.SessionData): Date {
    const exp = sess.cookie?.expires;
    return exp ? new Date(exp) : new Date(Date.now() + DAY_MS);
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    this.prisma.session
      .findUnique({ where: { sid } })
      .then((row) => {
        if (!row || row.expire.getTime() <= Date.now()) return cb(null, null);
        cb(null, row.sess as unknown as session.SessionData);
      })
      .catch((err: unknown) => cb(err));
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const data = JSON.parse(JSON.stringify(sess)) as Prisma.InputJsonValue;
    const expire = this.expiry(sess);
    this.prisma.session
      .upsert({ where: { sid }, create: { sid, sess: data, expire }, update: { sess: data, expire } })
      .then(() => this.maybePrune())
      .then(() => cb?.())
      .catch((err: unknown) => cb?.(err));
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.prisma.session
      .deleteMany({ where: { sid } })
      .then(() => cb?.())
      .catch((err: unknown) => cb?.(err));
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    this.prisma.session
      .updateMany({ where: { sid }, data: { expire: this.expiry(sess) } })
      .then(() => cb?.())
      .catch((err: unknown) => cb?.(err));
  }

  /** Delete expired rows at most once an hour, piggy-backing on writes (no timers to leak). */
  private async maybePrune(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < 60 * 60 * 1000) return;
    this.lastPrune = now;
    await this.prisma.session.deleteMany({ where: { expire: { lt: new Date(now) } } });
  }
}
