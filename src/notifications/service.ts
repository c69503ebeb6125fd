// In-app notifications (thông báo): other features call `notify` inside their own transaction, so a
// notification exists exactly when the act it reports was committed. Each row stores a translation key
// and its parameters, and is rendered in the reader's language when the inbox is shown.
import type { Db, Tx } from '../db/index.ts';
import type { Role } from '../generated/prisma/enums.ts';
import type { Actor } from '../auth/policy.ts';
import { NotFoundError } from '../errors.ts';
import { paged, type Page } from '../lib/paging.ts';
import { commandOf } from '../chain/scope.ts';

export type NotifyParams = Record<string, string | number>;

/**
 * Who receives it: given users, the active accounts of one unit, every active user with a role, or the active
 * staff with some roles of one command (staff whose unit lies under it with no nearer command, and staff without
 * a command, who see every command's work; a null command means every such staff account).
 */
export type Recipients = { userIds: (number | null | undefined)[] } | { toUnit: number } | { toRole: Role } | { toStaffOf: number | null; roles: Role[] };

async function staffOf(tx: Tx, command: number | null, roles: Role[]): Promise<number[]> {
  const users = await tx.user.findMany({ where: { role: { in: roles }, active: true }, select: { id: true, unitId: true }, orderBy: { id: 'asc' } });
  if (command === null) return users.map((u) => u.id);
  const commandOfUnit = new Map<number, number | null>();
  const out: number[] = [];
  for (const u of users) {
    if (u.unitId === null) {
      out.push(u.id);
      continue;
    }
    if (!commandOfUnit.has(u.unitId)) commandOfUnit.set(u.unitId, (await commandOf(tx, u.unitId))?.id ?? null);
    const c = commandOfUnit.get(u.unitId);
    if (c === null || c === command) out.push(u.id);
  }
  return out;
}

export type Notice = Recipients & {
  /** a translation key, e.g. "notifications.kind.pledgeReturned" */
  kind: string;
  params?: NotifyParams;
  /** where following the notification leads (an app path) */
  link?: string | null;
};

async function recipientIds(tx: Tx, to: Recipients): Promise<number[]> {
  if ('userIds' in to) return [...new Set(to.userIds.filter((id): id is number => typeof id === 'number'))];
  if ('toStaffOf' in to) return staffOf(tx, to.toStaffOf, to.roles);
  const where = 'toUnit' in to ? { unitId: to.toUnit, role: 'UNIT' as const, active: true } : { role: to.toRole, active: true };
  return (await tx.user.findMany({ where, select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id);
}

/** Create one notification per recipient (none if nobody matches); returns how many were created. */
export async function notify(tx: Tx, n: Notice): Promise<number> {
  const ids = await recipientIds(tx, n);
  if (!ids.length) return 0;
  const r = await tx.notification.createMany({
    data: ids.map((userId) => ({ userId, kind: n.kind, params: n.params ?? {}, link: n.link ?? null })),
  });
  return r.count;
}

/** Unread counts read with the signed-in user (src/auth/passport.ts), by the request's user object. */
const unreadWithUser = new WeakMap<object, number>();

/** Keep the unread count read with `user` at the start of this request, for the header badge. */
export function noteUnread(user: object, n: number): void {
  unreadWithUser.set(user, n);
}

/** The unread count read with `user` at the start of this request, if it was. */
export function notedUnread(user: object): number | undefined {
  return unreadWithUser.get(user);
}

/** The header badge: one COUNT on the (userId, readAt) index. */
export function unreadCount(prisma: Db, userId: number): Promise<number> {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

/** The actor's own inbox, newest first. */
export async function listInbox(prisma: Db, actor: Actor, page: Page) {
  const where = { userId: actor.id };
  const [items, total, unread] = await Promise.all([
    prisma.notification.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: page.skip, take: page.size }),
    prisma.notification.count({ where }),
    prisma.notification.count({ where: { ...where, readAt: null } }),
  ]);
  return { list: paged(items, total, page), unread };
}

/** Only app-internal paths are followed (never another site, never a protocol-relative "//host"). */
export function safeLink(link: string | null): string {
  return link && /^\/(?![/\\])/.test(link) ? link : '/notifications';
}

/** Mark one of the actor's notifications read and say where it leads; someone else's id is a 404. */
export async function openNotification(prisma: Db, actor: Actor, id: number): Promise<string> {
  const n = await prisma.notification.findFirst({ where: { id, userId: actor.id } });
  if (!n) throw new NotFoundError();
  if (!n.readAt) await prisma.notification.updateMany({ where: { id, userId: actor.id, readAt: null }, data: { readAt: new Date() } });
  return safeLink(n.link);
}

/** Mark every unread notification of the actor read; returns how many changed. */
export async function markAllRead(prisma: Db, actor: Actor): Promise<number> {
  const r = await prisma.notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: new Date() } });
  return r.count;
}
