// Exemplars (điển hình tiên tiến, người tốt việc tốt, …): recorded by officers and units, published by a commander.
// A unit account sees its own unit's exemplars and every published one; staff see all.
import { unitPicker } from '../units/picker.ts';
import type { Db, Tx } from '../db/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { authorize, can, type Actor } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { ConflictError, NotFoundError, RuleError, ValidationError } from '../errors.ts';
import { paged, type Page } from '../lib/paging.ts';
import { getVisibleCampaign } from '../campaigns/service.ts';
import { listAttachments, storeAttachments, type CheckedFile } from '../attachments/service.ts';
import type { ExemplarInput, listFilter } from './schema.ts';

export const OWNER = 'exemplar';

/** Where a user may look: staff everything, a unit account its own unit's exemplars and the published ones. */
export function visibleWhere(actor: Actor): Prisma.ExemplarWhereInput {
  return actor.role === 'UNIT' ? { OR: [{ unitId: actor.unitId ?? -1 }, { published: true }] } : {};
}

/** A campaign's exemplars as the actor may see them, filtered and paged, each with its first photo. */
export async function listExemplars(prisma: Db, actor: Actor, campaignId: number, filter: ReturnType<typeof listFilter>, p: Page) {
  const campaign = await getVisibleCampaign(prisma, actor, campaignId);
  const where: Prisma.ExemplarWhereInput = {
    campaignId,
    ...visibleWhere(actor),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.status ? { published: filter.status === 'published' } : {}),
  };
  const [items, total, publishedCount] = await Promise.all([
    prisma.exemplar.findMany({ where, orderBy: [{ occurredOn: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }], skip: p.skip, take: p.size, include: { unit: { select: { id: true, name: true } } } }),
    prisma.exemplar.count({ where }),
    prisma.exemplar.count({ where: { campaignId, published: true } }),
  ]);
  return { campaign, list: paged(await withFiles(prisma, items), total, p), publishedCount };
}

/** Attach each exemplar's files (without bytes) and its first image, for thumbnails. */
export async function withFiles<T extends { id: number }>(db: Tx, items: T[]) {
  const files = await listAttachments(db, OWNER, items.map((i) => i.id));
  return items.map((i) => {
    const own = files.filter((f) => f.ownerId === i.id);
    return { ...i, files: own, photo: own.find((f) => f.mimeType.startsWith('image/')) ?? null };
  });
}

/** One exemplar, if the actor may see it: 404 when missing, 403 when it is another unit's unpublished record. */
export async function getExemplar(prisma: Db, actor: Actor, id: number) {
  const e = await prisma.exemplar.findUnique({ where: { id }, include: { unit: { select: { id: true, name: true } }, campaign: { select: { id: true, name: true, status: true, demo: true } } } });
  if (!e) throw new NotFoundError();
  if (!e.published) authorize(actor, 'unit.view', { unitId: e.unitId });
  const [withF] = await withFiles(prisma, [e]);
  return withF;
}
export type ExemplarView = Awaited<ReturnType<typeof getExemplar>>;

/** What the actor may do with one exemplar (shown as buttons; each act checks again). */
export function mayOn(actor: Actor, e: { unitId: number; published: boolean }) {
  const record = can(actor, 'exemplar.record', { unitId: e.unitId });
  return { edit: record && !e.published, delete: record && !e.published, publish: can(actor, 'exemplar.publish') && !e.published, unpublish: can(actor, 'exemplar.publish') && e.published };
}

/**
 * Units an actor may record for in a campaign (an officer: every participant, through the unit picker, so a national
 * campaign offers a search rather than thousands of options; a unit: itself), with the people of those offered.
 */
export async function formChoices(prisma: Db, actor: Actor, campaignId: number, opts: { uq?: string; chosen?: number | null } = {}) {
  const where = { campaigns: { some: { campaignId } }, ...(actor.role === 'UNIT' ? { id: actor.unitId ?? -1 } : {}) };
  // a unit kept from the form is offered only if it takes part (the save checks it again)
  const picker = await unitPicker(prisma, { uq: opts.uq, keep: [opts.chosen], keepMatching: true, where });
  const units = picker.units;
  const people = await prisma.person.findMany({
    where: { unitId: { in: units.map((u) => u.id) } },
    select: { id: true, fullName: true, rank: true, unitId: true },
    orderBy: [{ unitId: 'asc' }, { fullName: 'asc' }],
  });
  return { units, people, picker };
}

/** The unit and person name an input stands for, checked: a participating unit the actor may record for, a person of that unit. */
async function resolveSubject(db: Tx, actor: Actor, campaignId: number, input: ExemplarInput, fixedUnitId?: number) {
  const unitId = fixedUnitId ?? (actor.role === 'UNIT' ? actor.unitId : input.unitId);
  if (!unitId) throw new ValidationError({ unitId: { key: 'validation.required' } });
  const member = await db.campaignUnit.findUnique({ where: { campaignId_unitId: { campaignId, unitId } } });
  if (!member) throw new ValidationError({ unitId: { key: 'validation.choice' } });
  authorize(actor, 'exemplar.record', { unitId });
  if (input.occurredOn && input.occurredOn.getTime() > Date.now() + 24 * 3600 * 1000) throw new ValidationError({ occurredOn: { key: 'exemplars.errors.future' } });
  if (input.subject === 'UNIT') return { unitId, personName: null };
  if (input.personId) {
    const person = await db.person.findFirst({ where: { id: input.personId, unitId } });
    if (!person) throw new ValidationError({ personId: { key: 'exemplars.errors.personNotInUnit' } });
    return { unitId, personName: person.fullName };
  }
  if (!input.personName) throw new ValidationError({ personName: { key: 'exemplars.errors.personRequired' } });
  return { unitId, personName: input.personName };
}

const fieldsOf = (input: ExemplarInput) => ({ kind: input.kind, title: input.title, description: input.description, occurredOn: input.occurredOn, evidence: input.evidence });
/** The exemplar as kept in the audit trail (no file bytes). */
export const snapshot = (e: { unitId: number; personName: string | null; kind: string; title: string; description: string; occurredOn: Date | null; evidence: string | null; published: boolean }) => ({
  unitId: e.unitId, personName: e.personName, kind: e.kind, title: e.title, description: e.description, occurredOn: e.occurredOn, evidence: e.evidence, published: e.published,
});

/** Record an exemplar with its evidence files, in one transaction with its audit record. */
export async function createExemplar(prisma: Db, actor: Actor, campaignId: number, input: ExemplarInput, files: CheckedFile[], requestId?: string): Promise<number> {
  authorize(actor, 'exemplar.record');
  const campaign = await getVisibleCampaign(prisma, actor, campaignId);
  if (campaign.status === 'DRAFT') throw new RuleError('exemplars.errors.draftCampaign');
  return prisma.$transaction(async (tx) => {
    const subject = await resolveSubject(tx, actor, campaignId, input);
    const e = await tx.exemplar.create({ data: { campaignId, ...subject, ...fieldsOf(input), createdById: actor.id } });
    await storeAttachments(tx, OWNER, e.id, files, actor.id);
    await recordAudit(tx, { actorId: actor.id, action: 'exemplar.create', entityType: 'exemplar', entityId: e.id, campaignId, unitId: e.unitId, after: { ...snapshot(e), files: files.map((f) => f.fileName) }, requestId });
    return e.id;
  });
}

/** Only its unit's account or an officer changes an exemplar, and only while it is unpublished (403, then 422). */
export function assertEditable(actor: Actor, e: { unitId: number; published: boolean }): void {
  authorize(actor, 'exemplar.record', { unitId: e.unitId });
  if (e.published) throw new RuleError('exemplars.errors.published');
}

async function editable(db: Tx, actor: Actor, id: number) {
  const e = await db.exemplar.findUnique({ where: { id } });
  if (!e) throw new NotFoundError();
  assertEditable(actor, e);
  return e;
}

/** Save an edit; the form carries the updatedAt it was read at, so a stale form is refused, never a silent overwrite. */
export async function updateExemplar(prisma: Db, actor: Actor, id: number, input: ExemplarInput, files: CheckedFile[], requestId?: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await editable(tx, actor, id);
    const subject = await resolveSubject(tx, actor, before.campaignId ?? -1, input, before.unitId);
    const stamp = input.version ? new Date(input.version) : null;
    if (!stamp || Number.isNaN(stamp.getTime())) throw new ConflictError('exemplars.errors.stale');
    const moved = await tx.exemplar.updateMany({ where: { id, published: false, updatedAt: stamp }, data: { personName: subject.personName, ...fieldsOf(input) } });
    if (moved.count !== 1) throw new ConflictError('exemplars.errors.stale');
    await storeAttachments(tx, OWNER, id, files, actor.id);
    const after = await tx.exemplar.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { actorId: actor.id, action: 'exemplar.update', entityType: 'exemplar', entityId: id, campaignId: before.campaignId, unitId: before.unitId, before: snapshot(before), after: { ...snapshot(after), addedFiles: files.map((f) => f.fileName) }, requestId });
  });
}

/** Delete an unpublished exemplar and its files. */
export async function deleteExemplar(prisma: Db, actor: Actor, id: number, requestId?: string): Promise<number | null> {
  return prisma.$transaction(async (tx) => {
    const e = await editable(tx, actor, id);
    const files = await tx.attachment.findMany({ where: { ownerType: OWNER, ownerId: id }, select: { fileName: true } });
    await tx.attachment.deleteMany({ where: { ownerType: OWNER, ownerId: id } });
    await tx.exemplar.delete({ where: { id } });
    await recordAudit(tx, { actorId: actor.id, action: 'exemplar.delete', entityType: 'exemplar', entityId: id, campaignId: e.campaignId, unitId: e.unitId, before: { ...snapshot(e), files: files.map((f) => f.fileName) }, requestId });
    return e.campaignId;
  });
}

/** Remove one evidence file of an unpublished exemplar. */
export async function deleteExemplarFile(prisma: Db, actor: Actor, id: number, attachmentId: number, requestId?: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const e = await editable(tx, actor, id);
    const file = await tx.attachment.findFirst({ where: { id: attachmentId, ownerType: OWNER, ownerId: id }, select: { id: true, fileName: true, size: true } });
    if (!file) throw new NotFoundError();
    await tx.attachment.delete({ where: { id: file.id } });
    await recordAudit(tx, { actorId: actor.id, action: 'exemplar.file.delete', entityType: 'exemplar', entityId: id, campaignId: e.campaignId, unitId: e.unitId, before: { file: file.fileName, size: file.size }, requestId });
  });
}

/** A commander publishes (or withdraws) an exemplar: it then shows on the honour board and the unit's page. */
export async function setPublished(prisma: Db, actor: Actor, id: number, publish: boolean, requestId?: string): Promise<void> {
  authorize(actor, 'exemplar.publish');
  await prisma.$transaction(async (tx) => {
    const e = await tx.exemplar.findUnique({ where: { id } });
    if (!e) throw new NotFoundError();
    const moved = await tx.exemplar.updateMany({
      where: { id, published: !publish },
      data: publish ? { published: true, publishedAt: new Date(), publishedById: actor.id } : { published: false, publishedAt: null, publishedById: null },
    });
    if (moved.count !== 1) throw new ConflictError(publish ? 'exemplars.errors.alreadyPublished' : 'exemplars.errors.notPublished');
    await recordAudit(tx, {
      actorId: actor.id, action: publish ? 'exemplar.publish' : 'exemplar.unpublish', entityType: 'exemplar', entityId: id, campaignId: e.campaignId, unitId: e.unitId,
      before: { published: e.published, publishedAt: e.publishedAt }, after: { published: publish }, requestId,
    });
  });
}

/** Published exemplars of a campaign, for its honour board. */
export async function publishedExemplars(db: Tx, campaignId: number) {
  const items = await db.exemplar.findMany({ where: { campaignId, published: true }, orderBy: [{ kind: 'asc' }, { publishedAt: 'asc' }, { id: 'asc' }], include: { unit: { select: { id: true, name: true } } } });
  return withFiles(db, items);
}
