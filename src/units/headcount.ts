// Quân số: a unit's headcount per year, the base of headcount quotas and of member-share rules. Admins and
// officers record it; every change is audited; a stale form (version) is refused.
import { z } from 'zod';
import type { Db } from '../db/index.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { INT4_MAX } from '../lib/forms.ts';
import { recordAudit } from '../audit/service.ts';

const whole = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z.number({ error: (iss) => (iss.code !== 'invalid_type' ? undefined : iss.input === undefined ? 'validation.required' : 'validation.integer') }).int('validation.integer').min(min).max(max),
  );

/** One year's headcount; version 0 records a year not yet recorded. */
export const HeadcountForm = z.object({
  year: whole(2000, 2100),
  headcount: whole(0, 1_000_000),
  version: z.coerce.number({ message: 'validation.staleForm' }).int().min(0, 'validation.staleForm').max(INT4_MAX, 'validation.staleForm'),
});
export type HeadcountForm = z.infer<typeof HeadcountForm>;

/** The unit's recorded years, newest first. */
export function unitHeadcounts(prisma: Db, unitId: number) {
  return prisma.unitHeadcount.findMany({ where: { unitId }, orderBy: { year: 'desc' } });
}

/**
 * Record or change a year's headcount. A new year (version 0) that someone else recorded meanwhile, or a changed
 * year read at an older version, is a conflict and nothing is written.
 */
export async function saveHeadcount(prisma: Db, actor: Actor, unitId: number, data: HeadcountForm, requestId?: string) {
  authorize(actor, 'headcount.edit', { unitId });
  return prisma.$transaction(async (tx) => {
    if (!(await tx.unit.findUnique({ where: { id: unitId }, select: { id: true } }))) throw new NotFoundError();
    const key = { unitId_year: { unitId, year: data.year } };
    const before = await tx.unitHeadcount.findUnique({ where: key });
    if (!before) {
      if (data.version !== 0) throw new ConflictError('units.headcount.conflict');
      const row = await tx.unitHeadcount.create({ data: { unitId, year: data.year, headcount: data.headcount } });
      await recordAudit(tx, { actorId: actor.id, action: 'headcount.create', entityType: 'UnitHeadcount', entityId: `${unitId}:${data.year}`, unitId, after: { year: data.year, headcount: data.headcount }, requestId });
      return row;
    }
    if (before.version !== data.version) throw new ConflictError('units.headcount.conflict');
    const moved = await tx.unitHeadcount.updateMany({ where: { unitId, year: data.year, version: data.version }, data: { headcount: data.headcount, version: { increment: 1 } } });
    if (moved.count !== 1) throw new ConflictError('units.headcount.conflict');
    await recordAudit(tx, {
      actorId: actor.id, action: 'headcount.update', entityType: 'UnitHeadcount', entityId: `${unitId}:${data.year}`, unitId,
      before: { year: before.year, headcount: before.headcount }, after: { year: data.year, headcount: data.headcount }, requestId,
    });
    return tx.unitHeadcount.findUniqueOrThrow({ where: key });
  });
}
