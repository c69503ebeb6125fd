// Đăng ký thi đua for the year's titles: a unit registers itself for collective titles and its people for individual
// ones (catalogue entries decided at the year-end review). Not locked by a campaign pledge; audited.
import { z } from 'zod';
import type { Db } from '../db/index.ts';
import { authorize, can, type Actor } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { f, INT4_MAX } from '../lib/forms.ts';
import { paged, type Page } from '../lib/paging.ts';
import { movementYear } from '../review/facts.ts';
import { unitPicker } from '../units/picker.ts';

export const RegistrationForm = z.object({
  catalogId: f.id(),
  personId: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.coerce.number({ message: 'validation.choice' }).int().positive().max(INT4_MAX, 'validation.choice').nullable()),
  commitment: f.optText(1000),
});
export type RegistrationInput = z.infer<typeof RegistrationForm>;

/** The year's registrations (a unit: its own), filtered by unit, paged; plus what a unit may register for. */
export async function yearRegistrations(prisma: Db, actor: Actor, year: number, filter: { unitId: number | null; uq?: string }, page: Page) {
  authorize(actor, 'yearreg.view');
  const y = await movementYear(prisma, year);
  const unitId = actor.role === 'UNIT' ? (actor.unitId ?? -1) : filter.unitId;
  const where = { yearId: y.id, ...(unitId !== null ? { unitId } : {}) };
  const [total, rows, titles, people, picker] = await Promise.all([
    prisma.yearRegistration.count({ where }),
    prisma.yearRegistration.findMany({
      where,
      orderBy: [{ unit: { name: 'asc' } }, { personId: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }],
      skip: page.skip,
      take: page.size,
      include: { unit: { select: { id: true, name: true } }, person: { select: { id: true, fullName: true, rank: true } }, catalog: { select: { code: true, name: true, nameEn: true, scope: true } } },
    }),
    prisma.titleCatalog.findMany({ where: { active: true, forRegular: true }, orderBy: [{ scope: 'asc' }, { rank: 'asc' }], select: { id: true, code: true, name: true, nameEn: true, scope: true } }),
    actor.role === 'UNIT' ? prisma.person.findMany({ where: { unitId: actor.unitId ?? -1 }, orderBy: { fullName: 'asc' }, select: { id: true, fullName: true, rank: true } }) : Promise.resolve([]),
    // the unit filter of a national list is searched (?uq=), not listed in full
    unitPicker(prisma, { uq: filter.uq, keep: [unitId], where: { active: true, ...(actor.role === 'UNIT' ? { id: actor.unitId ?? -1 } : {}) }, orderBy: { name: 'asc' } }),
  ]);
  return { year: y, unitId, list: paged(rows.map((r) => ({ ...r, mine: can(actor, 'yearreg.manage', { unitId: r.unitId }) })), total, page), titles, people, units: picker.units, picker };
}

/** A unit registers itself (no person) for a collective title, or one of its people for an individual one. */
export async function addRegistration(prisma: Db, actor: Actor, year: number, data: RegistrationInput, requestId?: string): Promise<string> {
  authorize(actor, 'yearreg.manage');
  const unitId = actor.unitId ?? -1;
  const y = await movementYear(prisma, year);
  const [title, person] = await Promise.all([
    prisma.titleCatalog.findFirst({ where: { id: data.catalogId, active: true, forRegular: true } }),
    data.personId ? prisma.person.findFirst({ where: { id: data.personId, unitId } }) : Promise.resolve(null),
  ]);
  if (!title) throw new ValidationError({ catalogId: { key: 'validation.choice' } });
  if (data.personId && !person) throw new ValidationError({ personId: { key: 'validation.choice' } });
  if (title.scope === 'INDIVIDUAL' && !person) throw new ValidationError({ personId: { key: 'yearRegistrations.errors.personNeeded' } });
  if (title.scope === 'COLLECTIVE' && person) throw new ValidationError({ personId: { key: 'yearRegistrations.errors.unitTitle' } });
  const exists = await prisma.yearRegistration.findFirst({ where: { yearId: y.id, unitId, personId: person?.id ?? null, catalogId: title.id } });
  if (exists) throw new ConflictError('yearRegistrations.errors.duplicate');
  await prisma.$transaction(async (tx) => {
    const made = await tx.yearRegistration.create({ data: { yearId: y.id, unitId, personId: person?.id ?? null, catalogId: title.id, commitment: data.commitment, createdById: actor.id } });
    await recordAudit(tx, { actorId: actor.id, action: 'yearRegistration.create', entityType: 'YearRegistration', entityId: made.id, unitId, after: { year, title: title.code, personId: person?.id ?? null, commitment: data.commitment }, requestId });
  });
  return person ? person.fullName : '';
}

/** A unit withdraws one of its registrations; 403 for another unit's. */
export async function removeRegistration(prisma: Db, actor: Actor, year: number, id: number, requestId?: string): Promise<void> {
  authorize(actor, 'yearreg.manage');
  const y = await movementYear(prisma, year);
  const reg = await prisma.yearRegistration.findFirst({ where: { id, yearId: y.id }, include: { catalog: { select: { code: true } } } });
  if (!reg) throw new NotFoundError();
  if (!can(actor, 'yearreg.manage', { unitId: reg.unitId })) throw new ForbiddenError();
  await prisma.$transaction(async (tx) => {
    await tx.yearRegistration.delete({ where: { id } });
    await recordAudit(tx, { actorId: actor.id, action: 'yearRegistration.delete', entityType: 'YearRegistration', entityId: id, unitId: reg.unitId, before: { year, title: reg.catalog.code, personId: reg.personId, commitment: reg.commitment }, requestId });
  });
}
