import session from 'express-session';
import type { Db } from '../db/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

/** express-session store in PostgreSQL (Prisma), so sessions survive restarts and are shared by instances. */
export class PrismaSessionStore extends session.Store {
  private lastPrune = 0;
  /** expiry of each session as last read or written here, to skip touches that would move it by under a minute */
  private readonly known = new Map<string, number>();

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
        this.remember(sid, row.expire.getTime());
        cb(null, row.sess as unknown as session.SessionData);
      })
      .catch((err: unknown) => cb(err));
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const data = JSON.parse(JSON.stringify(sess)) as Prisma.InputJsonValue;
    const expire = this.expiry(sess);
    this.prisma.session
      .upsert({ where: { sid }, create: { sid, sess: data, expire }, update: { sess: data, expire } })
      .then(() => this.remember(sid, expire.getTime()))
      .then(() => this.maybePrune())
      .then(() => cb?.())
      .catch((err: unknown) => cb?.(err));
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.known.delete(sid);
    this.prisma.session
      .deleteMany({ where: { sid } })
      .then(() => cb?.())
      .catch((err: unknown) => cb?.(err));
  }

  /** A rolling session is touched on every request; write the new expiry only when it moves by a minute or more. */
  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const expire = this.expiry(sess);
    const known = this.known.get(sid);
    if (known !== undefined && expire.getTime() - known < TOUCH_EVERY_MS) {
      cb?.();
      return;
    }
    this.prisma.session
      .updateMany({ where: { sid }, data: { expire } })
      .then(() => this.remember(sid, expire.getTime()))
      .then(() => cb?.())
      .catch((err: unknown) => cb?.(err));
  }

  private remember(sid: string, expire: number): void {
    if (this.known.size >= 10_000) this.known.clear(); // a bound, not a cache that matters
    this.known.set(sid, expire);
  }

  /** Delete expired rows at most once an hour, piggy-backing on writes (no timers to leak). */
  private async maybePrune(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < 60 * 60 * 1000) return;
    this.lastPrune = now;
    await this.prisma.session.deleteMany({ where: { expire: { lt: new Date(now) } } });
  }
}
