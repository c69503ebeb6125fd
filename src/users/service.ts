import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { hashPassword } from '../auth/password.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { paged, type Page } from '../lib/paging.ts';
import { recordAudit } from '../audit/service.ts';
import type { UserForm } from './schema.ts';

export async function listUsers(prisma: Db, p: Page) {
  const [items, total] = await Promise.all([
    prisma.user.findMany({ orderBy: [{ role: 'asc' }, { username: 'asc' }], skip: p.skip, take: p.size, include: { unit: { select: { code: true, name: true } } } }),
    prisma.user.count(),
  ]);
  return paged(items, total, p);
}

/** Create an account; a unit account must name an existing unit. */
export async function createUser(prisma: Db, by: Actor, data: UserForm, requestId?: string) {
  if (data.unitId !== null && !(await prisma.unit.findUnique({ where: { id: data.unitId } }))) {
    throw new ValidationError({ unitId: { key: 'validation.choice' } });
  }
  if (await prisma.user.findUnique({ where: { username: data.username } })) {
    throw new ValidationError({ username: { key: 'validation.usernameTaken' } });
  }
  const passwordHash = await hashPassword(data.password);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { username: data.username, fullName: data.fullName, role: data.role, unitId: data.role === 'UNIT' ? data.unitId : data.unitId, passwordHash },
    });
    await recordAudit(tx, { actorId: by.id, action: 'user.create', entityType: 'User', entityId: user.id, after: { username: user.username, role: user.role, unitId: user.unitId }, requestId });
    return user;
  });
}

/** Activate or deactivate an account; an admin cannot lock themselves out. */
export async function setUserActive(prisma: Db, by: Actor, id: number, active: boolean, requestId?: string) {
  if (id === by.id) throw new ConflictError('users.cannotDeactivateSelf');
  const user = await prisma.user.findUnique({ where: { id } });
  if (!user) throw new NotFoundError();
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { active } });
    if (!active) await tx.session.deleteMany({ where: { sess: { path: ['passport', 'user'], equals: id } } });
    await recordAudit(tx, { actorId: by.id, action: active ? 'user.activate' : 'user.deactivate', entityType: 'User', entityId: id, before: { active: user.active }, after: { active }, requestId });
  });
}
