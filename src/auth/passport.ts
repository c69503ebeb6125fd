import type { Request } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Db } from '../db/index.ts';
import type { Actor } from './policy.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { noteUnread } from '../notifications/service.ts';
import { noteTree } from '../chain/scope.ts';
import { takeUser, userStatement, type UserRow } from './request-user.ts';

export type LoginFailure = 'invalid' | 'locked';

/** Wire passport's local strategy with account lockout after repeated failures. */
export function configurePassport(prisma: Db, opts: { maxAttempts: number; lockMinutes: number }): passport.PassportStatic {
  const pp = new passport.Passport();
  pp.use(
    new LocalStrategy({ usernameField: 'username', passwordField: 'password' }, (username, password, done) => {
      verifyLogin(prisma, username, password, opts)
        .then((r) => (r.ok ? done(null, r.actor) : done(null, false, { message: r.reason })))
        .catch((err: unknown) => done(err));
    }),
  );
  pp.serializeUser((user, done) => done(null, (user as Actor).id));
  pp.deserializeUser((req: Request, id: unknown, done: (err: unknown, user?: Express.User | false) => void) => {
    if (typeof id !== 'number') return done(null, false);
    // the user row read with the session (src/auth/request-user.ts), else one statement of its own: the user,
    // whether its unit is active, its unread notifications and the unit tree's version
    const held = takeUser(req, id);
    (held ? Promise.resolve(held) : prisma.$queryRaw<UserRow[]>(userStatement(id)).then((rows) => rows[0]))
      .then((u) => {
        if (!u || u.id === null || !u.active || (u.role === 'UNIT' && !u.unitActive)) return done(null, false);
        const user = toActor(u as Actor);
        noteUnread(user, Number(u.unread));
        noteTree(prisma, user, u.tree);
        done(null, user);
      })
      .catch((err: unknown) => done(err));
  });
  return pp as unknown as passport.PassportStatic;
}

export const actorSelect = { id: true, username: true, fullName: true, role: true, unitId: true, locale: true, active: true } as const;

export function toActor(u: { id: number; username: string; fullName: string; role: Actor['role']; unitId: number | null; locale: string }): Actor {
  return { id: u.id, username: u.username, fullName: u.fullName, role: u.role, unitId: u.unitId, locale: u.locale };
}

async function verifyLogin(
  prisma: Db,
  usernameRaw: string,
  password: string,
  opts: { maxAttempts: number; lockMinutes: number },
): Promise<{ ok: true; actor: Actor } | { ok: false; reason: LoginFailure }> {
  const username = usernameRaw.trim().toLowerCase().slice(0, 64);
  const user = await prisma.user.findUnique({ where: { username }, include: { unit: { select: { active: true } } } });
  // a unit account of a deactivated unit cannot sign in
  if (!user || !user.active || (user.role === 'UNIT' && !user.unit?.active)) {
    await verifyPassword(await dummyHash(), password);
    return { ok: false, reason: unknownNameFailure(username, opts) };
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) return { ok: false, reason: 'locked' };
  if (!(await verifyPassword(user.passwordHash, password))) {
    const failed = user.failedLogins + 1;
    const lock = failed >= opts.maxAttempts;
    await prisma.user.update({
      where: { id: user.id },
      data: { failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(Date.now() + opts.lockMinutes * 60_000) : null },
    });
    return { ok: false, reason: lock ? 'locked' : 'invalid' };
  }
  if (user.failedLogins > 0 || user.lockedUntil) {
    await prisma.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } });
  }
  return { ok: true, actor: toActor(user) };
}

/**
 * Failures for names that are not (active) accounts, counted like real ones, so that "temporarily locked" after
 * repeated failures does not tell an attacker which usernames exist. Per instance and bounded: a decoy, not a record.
 */
const unknownNames = new Map<string, { failed: number; lockedUntil: number }>();
function unknownNameFailure(username: string, opts: { maxAttempts: number; lockMinutes: number }): LoginFailure {
  const now = Date.now();
  const entry = unknownNames.get(username) ?? { failed: 0, lockedUntil: 0 };
  if (entry.lockedUntil > now) return 'locked';
  entry.failed += 1;
  const lock = entry.failed >= opts.maxAttempts;
  if (unknownNames.size >= 10_000) unknownNames.clear();
  unknownNames.set(username, lock ? { failed: 0, lockedUntil: now + opts.lockMinutes * 60_000 } : { ...entry, lockedUntil: 0 });
  return lock ? 'locked' : 'invalid';
}
