// The signed-in user of a request, read in the same statement as the session (src/auth/session-store.ts): a kept
// page costs one statement fewer. The deserializer (./passport.ts) takes the row read with the session, or reads
// it alone when there is none (a session written in this request).
import type { Request } from 'express';
import { Prisma } from '../generated/prisma/client.ts';
import type { Actor } from './policy.ts';

/**
 * One user row as a request needs it: the user, whether its unit is active, its unread notifications (the header
 * badge, src/notifications/routes.ts) and the unit tree's version (src/chain/scope.ts keeps chain scopes on it).
 * Null columns where the session has no user.
 */
export type UserRow = {
  [K in keyof Actor]: Actor[K] | null;
} & { active: boolean | null; unitActive: boolean | null; unread: number; tree: string | null };

/** The columns of a UserRow, over `u` ("User") LEFT JOIN `n` ("Unit" of the user). */
export const USER_COLUMNS = Prisma.sql`u."id", u."username", u."fullName", u."role"::text AS "role", u."unitId", u."locale", u."active", n."active" AS "unitActive",
  (SELECT count(*)::int FROM "Notification" x WHERE x."userId" = u."id" AND x."readAt" IS NULL) AS "unread",
  (SELECT t."n"::text FROM "UnitTree" t WHERE t."id" = 1) AS "tree"`;

/** The user of `id` alone (no session row at hand). */
export const userStatement = (id: number) => Prisma.sql`SELECT ${USER_COLUMNS} FROM "User" u LEFT JOIN "Unit" n ON n."id" = u."unitId" WHERE u."id" = ${id}`;

const PRELOADED = Symbol('user read with the session');
type WithUser = { [PRELOADED]?: UserRow };

/** Hand the user row read with a session's data to the request that session is made for (not saved: a symbol key). */
export function attachUser(sess: object, row: UserRow): void {
  (sess as WithUser)[PRELOADED] = row;
}

/** Move the row from the session data onto the request (Store.createSession). */
export function carryUser(req: Request, sess: object): void {
  const row = (sess as WithUser)[PRELOADED];
  if (!row) return;
  delete (sess as WithUser)[PRELOADED];
  (req as WithUser)[PRELOADED] = row;
}

/** The row read with this request's session, once, if it is the user `id`'s. */
export function takeUser(req: Request, id: number): UserRow | undefined {
  const row = (req as WithUser)[PRELOADED];
  delete (req as WithUser)[PRELOADED];
  return row && row.id === id ? row : undefined;
}
