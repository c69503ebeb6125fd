import type { Db } from '../db/index.ts';
import { hashPassword } from '../auth/password.ts';
import { recordAudit } from '../audit/service.ts';

export class FirstAdminError extends Error {}

/**
 * The one-time bootstrap of a production install, which has no demo accounts: the first ADMIN.
 * Refused once any administrator exists, so it cannot become a back door to add more.
 */
export async function createFirstAdmin(prisma: Db, data: { username: string; fullName: string; password: string }) {
  const username = data.username.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,64}$/.test(username)) throw new FirstAdminError('the username must be 3 to 64 letters, digits, dots, dashes or underscores');
  if (data.password.length < 10) throw new FirstAdminError('the password must be at least 10 characters');
  const passwordHash = await hashPassword(data.password);
  return prisma.$transaction(async (tx) => {
    if ((await tx.user.count({ where: { role: 'ADMIN' } })) > 0) {
      throw new FirstAdminError('an administrator already exists: sign in and add users from the Users page');
    }
    if (await tx.user.findUnique({ where: { username } })) throw new FirstAdminError(`the username "${username}" is taken`);
    const user = await tx.user.create({ data: { username, fullName: data.fullName.trim() || username, role: 'ADMIN', passwordHash } });
    await recordAudit(tx, { actorId: null, action: 'user.create', entityType: 'User', entityId: user.id, after: { username, role: 'ADMIN', via: 'admin:create' } });
    return user;
  });
}
