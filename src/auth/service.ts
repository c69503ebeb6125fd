import type { Db } from '../db/index.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { ValidationError } from '../errors.ts';

/** Change the signed-in user's password after checking the current one. */
export async function changePassword(prisma: Db, userId: number, current: string, next: string): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw new ValidationError({ current: { key: 'validation.wrongPassword' } });
  }
  await prisma.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(next), failedLogins: 0, lockedUntil: null } });
}

export async function saveLocale(prisma: Db, userId: number, locale: 'vi' | 'en'): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { locale } });
}

/** Only same-site relative paths may be redirect targets. */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
