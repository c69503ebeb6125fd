import session from 'express-session';
import type { Db } from '../db/index.ts';
import type { Request } from 'express';
import { attachUser, carryUser, USER_COLUMNS, type UserRow } from './request-user.ts';

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

  /**
   * The session and, in the same statement, its signed-in user (./request-user.ts): the user id is passport's
   * `passport.user` in the session's data. The row goes to the request with the session (createSession) and on to
   * the deserializer (./passport.ts), which then reads nothing.
   */
  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    this.prisma
      .$queryRaw<(UserRow & { sess: session.SessionData; expire: Date })[]>`
        SELECT s."sess", s."expire", ${USER_COLUMNS}
        FROM "Session" s
        LEFT JOIN "User" u ON u."id" = CASE WHEN s."sess" #>> '{passport,user}' ~ '^[0-9]{1,9}$' THEN (s."sess" #>> '{passport,user}')::int END
        LEFT JOIN "Unit" n ON n."id" = u."unitId"
        WHERE s."sid" = ${sid}`
      .then(([row]) => {
        if (!row || row.expire.getTime() <= Date.now()) return cb(null, null);
        this.remember(sid, row.expire.getTime());
        const { sess, expire: _expire, ...user } = row;
        if (user.id !== null) attachUser(sess, user);
        cb(null, sess);
      })
      .catch((err: unknown) => cb(err));
  }

  override createSession(req: Request, sess: session.SessionData): session.Session & session.SessionData {
    carryUser(req, sess);
    return super.createSession(req, sess);
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const data = JSON.stringify(sess);
    const expire = this.expiry(sess);
    // raw SQL: a session is written on every sign-in and every flash message, and Prisma's upsert cost more than it
    this.prisma.$executeRaw`
        INSERT INTO "Session" ("sid", "sess", "expire") VALUES (${sid}, ${data}::jsonb, ${expire})
        ON CONFLICT ("sid") DO UPDATE SET "sess" = EXCLUDED."sess", "expire" = EXCLUDED."expire"`
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
    this.prisma.$executeRaw`UPDATE "Session" SET "expire" = ${expire} WHERE "sid" = ${sid}`
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
