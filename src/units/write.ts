import type { Db } from '../db/index.ts';
import { Prisma, type Unit } from '../generated/prisma/client.ts';
import type { Actor } from '../auth/policy.ts';
import { ConflictError, NotFoundError, RuleError, ValidationError } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { createsCycle } from './tree.ts';
import { lockUnitTree, unitSearchText, unitSnapshot } from './service.ts';
import type { UnitEditForm, UnitForm } from './schema.ts';

/** Someone saved the unit after this form was loaded; carries what is saved now. */
export class UnitChangedError extends ConflictError {
  constructor(public readonly current: Unit) {
    super('units.conflict');
  }
}

const TX = { maxWait: 10_000, timeout: 30_000 };

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}

/** Field checks that need the database: unique code, an existing parent, no cycle. */
async function checkUnit(tx: Prisma.TransactionClient, data: UnitForm, self: Unit | null): Promise<void> {
  const clash = await tx.unit.findUnique({ where: { code: data.code }, select: { id: true } });
  if (clash && clash.id !== self?.id) throw new ValidationError({ code: { key: 'units.errors.codeTaken' } });
  if (data.parentId === null) return;
  const parent = await tx.unit.findUnique({ where: { id: data.parentId }, select: { id: true, active: true } });
  if (!parent) throw new ValidationError({ parentId: { key: 'validation.choice' } });
  if (!parent.active && data.parentId !== self?.parentId) throw new ValidationError({ parentId: { key: 'units.errors.parentInactive' } });
  if (self) {
    const all = await tx.unit.findMany({ select: { id: true, parentId: true } });
    if (createsCycle(new Map(all.map((u) => [u.id, u.parentId])), self.id, data.parentId)) {
      throw new ValidationError({ parentId: { key: 'units.errors.cycle' } });
    }
  }
}

/** Register a new, active unit. */
export async function createUnit(prisma: Db, by: Actor, data: UnitForm, requestId?: string): Promise<Unit> {
  try {
    return await prisma.$transaction(async (tx) => {
      await checkUnit(tx, data, null);
      const unit = await tx.unit.create({
        data: { code: data.code, name: data.name, shortName: data.shortName, type: data.type, parentId: data.parentId, searchText: unitSearchText(data) },
      });
      await recordAudit(tx, { actorId: by.id, action: 'unit.create', entityType: 'Unit', entityId: unit.id, unitId: unit.id, after: unitSnapshot(unit), requestId });
      return unit;
    }, TX);
  } catch (e) {
    if (isUniqueViolation(e)) throw new ValidationError({ code: { key: 'units.errors.codeTaken' } });
    throw e;
  }
}

/**
 * Save an edited unit if nobody saved it since the form was read (`data.version`); otherwise throw
 * UnitChangedError and write nothing.
 */
export async function updateUnit(prisma: Db, by: Actor, id: number, data: UnitEditForm, requestId?: string): Promise<Unit> {
  try {
    return await prisma.$transaction(async (tx) => {
      await lockUnitTree(tx);
      const before = await tx.unit.findUnique({ where: { id } });
      if (!before) throw new NotFoundError();
      if (before.version !== data.version) throw new UnitChangedError(before);
      await checkUnit(tx, data, before);
      const changed = await tx.unit.updateMany({
        where: { id, version: data.version },
        data: { code: data.code, name: data.name, shortName: data.shortName, type: data.type, parentId: data.parentId, searchText: unitSearchText(data), version: { increment: 1 } },
      });
      if (changed.count === 0) throw new UnitChangedError(await tx.unit.findUniqueOrThrow({ where: { id } }));
      const after = await tx.unit.findUniqueOrThrow({ where: { id } });
      await recordAudit(tx, { actorId: by.id, action: 'unit.update', entityType: 'Unit', entityId: id, unitId: id, before: unitSnapshot(before), after: unitSnapshot(after), requestId });
      return after;
    }, TX);
  } catch (e) {
    if (isUniqueViolation(e)) throw new ValidationError({ code: { key: 'units.errors.codeTaken' } });
    throw e;
  }
}

/**
 * Deactivate or reactivate a unit. A unit with active sub-units cannot be deactivated (they would be
 * left under an inactive parent); the message names how many.
 */
export async function setUnitActive(prisma: Db, by: Actor, id: number, active: boolean, requestId?: string): Promise<Unit> {
  return prisma.$transaction(async (tx) => {
    await lockUnitTree(tx);
    const before = await tx.unit.findUnique({ where: { id } });
    if (!before) throw new NotFoundError();
    if (before.active === active) return before;
    if (!active) {
      const n = await tx.unit.count({ where: { parentId: id, active: true } });
      if (n > 0) throw new RuleError('units.errors.hasActiveChildren', { n });
    }
    const after = await tx.unit.update({ where: { id }, data: { active, version: { increment: 1 } } });
    await recordAudit(tx, {
      actorId: by.id,
      action: active ? 'unit.activate' : 'unit.deactivate',
      entityType: 'Unit',
      entityId: id,
      unitId: id,
      before: { active: before.active },
      after: { active },
      requestId,
    });
    return after;
  }, TX);
}
