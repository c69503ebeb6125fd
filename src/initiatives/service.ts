// Sáng kiến, đề tài, giải pháp registry: a unit records its own, officers and admins any unit's. Authors are people of
// the unit. Recognised = a decision (number and date) at a recognising level; CSTĐCS reads the recognised ones.
// Version-checked edits, audited.
import type { Db } from '../db/index.ts';
import { authorize, can, type Actor } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { paged, type Page } from '../lib/paging.ts';
import type { InitiativeKind, IssuingLevel } from '../generated/prisma/enums.ts';
import type { InitiativeInput, KINDS } from './schema.ts';
import { unitPicker } from '../units/picker.ts';

const INCLUDE = { unit: { select: { id: true, name: true } }, authors: { select: { person: { select: { id: true, fullName: true, rank: true } } } } } as const;

/** The registry, filtered by year, unit and kind, paged; a unit account sees its own unit's. */
export async function listInitiatives(prisma: Db, actor: Actor, filter: { year: number | null; unitId: number | null; kind: (typeof KINDS)[number] | null }, page: Page, uq = '') {
  authorize(actor, 'initiative.view');
  const unitId = actor.role === 'UNIT' ? (actor.unitId ?? -1) : filter.unitId;
  const where = { ...(unitId !== null ? { unitId } : {}), ...(filter.year ? { year: filter.year } : {}), ...(filter.kind ? { kind: filter.kind as InitiativeKind } : {}) };
  const [total, rows, picker] = await Promise.all([
    prisma.initiative.count({ where }),
    prisma.initiative.findMany({ where, include: INCLUDE, orderBy: [{ year: 'desc' }, { id: 'desc' }], skip: page.skip, take: page.size }),
    unitPicker(prisma, { uq, keep: [unitId], where: unitChoices(actor), orderBy: { name: 'asc' } }),
  ]);
  return { list: paged(rows.map(withState), total, page), units: picker.units, picker, unitId };
}

const withState = <T extends { decisionNo: string | null; decisionDate: Date | null }>(i: T) => ({ ...i, recognised: Boolean(i.decisionNo && i.decisionDate) });

/** One entry; 403 for another unit's. */
export async function getInitiative(prisma: Db, actor: Actor, id: number) {
  authorize(actor, 'initiative.view');
  const i = await prisma.initiative.findUnique({ where: { id }, include: INCLUDE });
  if (!i) throw new NotFoundError();
  if (!can(actor, 'initiative.view', { unitId: i.unitId })) throw new ForbiddenError();
  return { ...withState(i), may: { edit: can(actor, 'initiative.edit', { unitId: i.unitId }) } };
}

/** The units an actor may record for or filter by (a unit account: its own); a national list is searched, not listed. */
const unitChoices = (actor: Actor) => ({ active: true, ...(actor.role === 'UNIT' ? { id: actor.unitId ?? -1 } : {}) });

/** The people authors are chosen among (the unit's), and the units an actor may record for. */
export async function formChoices(prisma: Db, actor: Actor, unitId: number | null, uq = '') {
  const [picker, people] = await Promise.all([
    unitPicker(prisma, { uq, keep: [unitId], where: unitChoices(actor), orderBy: { name: 'asc' } }),
    unitId ? prisma.person.findMany({ where: { unitId }, select: { id: true, fullName: true, rank: true }, orderBy: { fullName: 'asc' } }) : Promise.resolve([]),
  ]);
  return { units: picker.units, picker, people };
}

/** The unit an entry is recorded for: a unit account's own; staff pick one (must exist). */
export async function unitFor(prisma: Db, actor: Actor, requested: number | null): Promise<number> {
  authorize(actor, 'initiative.edit');
  const unitId = actor.role === 'UNIT' ? actor.unitId : requested;
  if (!unitId) throw new NotFoundError();
  const unit = await prisma.unit.findUnique({ where: { id: unitId }, select: { id: true } });
  if (!unit) throw new NotFoundError();
  if (!can(actor, 'initiative.edit', { unitId })) throw new ForbiddenError();
  return unitId;
}

async function checkAuthors(prisma: Db, unitId: number, authors: number[]): Promise<void> {
  const ok = await prisma.person.count({ where: { id: { in: authors }, unitId } });
  if (ok !== new Set(authors).size) throw new ValidationError({ authors: { key: 'initiatives.errors.authorsOfUnit' } });
}

const fields = (d: InitiativeInput) => ({
  kind: d.kind as InitiativeKind,
  title: d.title,
  year: d.year,
  recognisingLevel: d.recognisingLevel as IssuingLevel,
  decisionNo: d.decisionNo,
  decisionDate: d.decisionDate,
  scopeOfEffect: d.scopeOfEffect,
});
const snap = (d: ReturnType<typeof fields> & { authors: number[] }) => ({ ...d, decisionDate: d.decisionDate ? d.decisionDate.toISOString().slice(0, 10) : null });

export async function createInitiative(prisma: Db, actor: Actor, unitId: number, data: InitiativeInput, requestId?: string): Promise<number> {
  const unit = await unitFor(prisma, actor, unitId);
  await checkAuthors(prisma, unit, data.authors);
  return prisma.$transaction(async (tx) => {
    const made = await tx.initiative.create({ data: { ...fields(data), unitId: unit, createdById: actor.id, authors: { create: [...new Set(data.authors)].map((personId) => ({ personId })) } } });
    await recordAudit(tx, { actorId: actor.id, action: 'initiative.create', entityType: 'Initiative', entityId: made.id, unitId: unit, after: snap({ ...fields(data), authors: data.authors }), requestId });
    return made.id;
  });
}

export async function updateInitiative(prisma: Db, actor: Actor, id: number, data: InitiativeInput, requestId?: string): Promise<void> {
  const before = await getInitiative(prisma, actor, id);
  if (!before.may.edit) throw new ForbiddenError();
  if (before.version !== data.version) throw new ConflictError('initiatives.errors.changed');
  await checkAuthors(prisma, before.unitId, data.authors);
  await prisma.$transaction(async (tx) => {
    const moved = await tx.initiative.updateMany({ where: { id, version: data.version }, data: { ...fields(data), version: { increment: 1 } } });
    if (moved.count !== 1) throw new ConflictError('initiatives.errors.changed');
    await tx.initiativeAuthor.deleteMany({ where: { initiativeId: id } });
    await tx.initiativeAuthor.createMany({ data: [...new Set(data.authors)].map((personId) => ({ initiativeId: id, personId })) });
    await recordAudit(tx, {
      actorId: actor.id, action: 'initiative.update', entityType: 'Initiative', entityId: id, unitId: before.unitId,
      before: snap({ kind: before.kind, title: before.title, year: before.year, recognisingLevel: before.recognisingLevel, decisionNo: before.decisionNo, decisionDate: before.decisionDate, scopeOfEffect: before.scopeOfEffect, authors: before.authors.map((a) => a.person.id) }),
      after: snap({ ...fields(data), authors: data.authors }),
      requestId,
    });
  });
}

/** A person's initiatives (for the person page), newest first. */
export function personInitiatives(prisma: Db, personId: number) {
  return prisma.initiative
    .findMany({ where: { authors: { some: { personId } } }, orderBy: [{ year: 'desc' }, { id: 'desc' }], select: { id: true, kind: true, title: true, year: true, recognisingLevel: true, decisionNo: true, decisionDate: true } })
    .then((rows) => rows.map(withState));
}
