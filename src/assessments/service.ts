// Person yearly assessments (đánh giá cá nhân hằng năm): the unit enters task level, training results and discipline
// for its people and submits; an officer or commander verifies or returns with a reason. Version-checked, audited.
// Only VERIFIED assessments reach the eligibility engine (src/review/facts.ts).
import type { Db } from '../db/index.ts';
import { authorize, can, type Actor } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { paged, type Page } from '../lib/paging.ts';
import type { AssessmentStatus, DisciplineLevel, TaskLevel } from '../generated/prisma/enums.ts';
import { movementYear } from '../review/facts.ts';
import type { AssessmentInput, STATUSES } from './schema.ts';

const EDITABLE: AssessmentStatus[] = ['DRAFT', 'RETURNED'];

/** The people of a year's assessment list, with their assessment (or none), filtered and paged; a unit sees its own. */
export async function listAssessments(prisma: Db, actor: Actor, year: number, filter: { unitId: number | null; status: (typeof STATUSES)[number] | null }, page: Page) {
  authorize(actor, 'assessment.view');
  const y = await movementYear(prisma, year);
  const unitId = actor.role === 'UNIT' ? (actor.unitId ?? -1) : filter.unitId;
  const status = filter.status;
  const where = {
    ...(unitId !== null ? { unitId } : {}),
    ...(status === 'NONE' ? { assessments: { none: { year } } } : status ? { assessments: { some: { year, status } } } : {}),
  };
  const [total, people, units, counts] = await Promise.all([
    prisma.person.count({ where }),
    prisma.person.findMany({
      where,
      orderBy: [{ unit: { name: 'asc' } }, { fullName: 'asc' }, { id: 'asc' }],
      skip: page.skip,
      take: page.size,
      select: { id: true, fullName: true, rank: true, unit: { select: { id: true, name: true } }, assessments: { where: { year } } },
    }),
    prisma.unit.findMany({ where: { active: true, ...(actor.role === 'UNIT' ? { id: actor.unitId ?? -1 } : { people: { some: {} } }) }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    prisma.personAssessment.groupBy({ by: ['status'], where: { year, ...(unitId !== null ? { person: { unitId } } : {}) }, _count: true }),
  ]);
  return {
    year: y,
    unitId,
    list: paged(people.map((p) => ({ ...p, assessment: p.assessments[0] ?? null })), total, page),
    units,
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count])) as Partial<Record<AssessmentStatus, number>>,
  };
}

/** One person's assessment for a year (null when none yet), with what the actor may do; 403 for another unit's person. */
export async function getAssessment(prisma: Db, actor: Actor, year: number, personId: number) {
  authorize(actor, 'assessment.view');
  const y = await movementYear(prisma, year);
  const person = await prisma.person.findUnique({ where: { id: personId }, select: { id: true, fullName: true, rank: true, position: true, unitId: true, unit: { select: { id: true, name: true } } } });
  if (!person) throw new NotFoundError();
  if (!can(actor, 'assessment.view', { unitId: person.unitId })) throw new ForbiddenError();
  const assessment = await prisma.personAssessment.findUnique({ where: { personId_year: { personId, year } } });
  const status = assessment?.status ?? null;
  return {
    year: y,
    person,
    assessment,
    may: {
      edit: can(actor, 'assessment.enter', { unitId: person.unitId }) && (status === null || EDITABLE.includes(status)),
      verify: can(actor, 'assessment.verify') && status === 'SUBMITTED',
    },
  };
}

const snapshot = (a: { taskLevel: string; testsPassedPercent: unknown; goodPercent: unknown; discipline: string; disciplineNote: string | null; status: string }) => ({
  taskLevel: a.taskLevel,
  testsPassedPercent: String(a.testsPassedPercent),
  goodPercent: String(a.goodPercent),
  discipline: a.discipline,
  disciplineNote: a.disciplineNote,
  status: a.status,
});

/** The unit saves (and maybe submits) its person's assessment. version 0 = a new one; a stale version is 409. */
export async function saveAssessment(prisma: Db, actor: Actor, year: number, personId: number, data: AssessmentInput, requestId?: string): Promise<void> {
  const page = await getAssessment(prisma, actor, year, personId);
  if (!can(actor, 'assessment.enter', { unitId: page.person.unitId })) throw new ForbiddenError();
  const before = page.assessment;
  if (before && !EDITABLE.includes(before.status)) throw new ConflictError('assessments.errors.notEditable');
  if ((before?.version ?? 0) !== data.version) throw new ConflictError('assessments.errors.changed');
  const fields = {
    taskLevel: data.taskLevel as TaskLevel,
    testsPassedPercent: data.testsPassedPercent,
    goodPercent: data.goodPercent,
    discipline: data.discipline as DisciplineLevel,
    disciplineNote: data.disciplineNote,
    status: (data.submit ? 'SUBMITTED' : before?.status === 'RETURNED' ? 'RETURNED' : 'DRAFT') as AssessmentStatus,
  };
  await prisma.$transaction(async (tx) => {
    let id: number;
    if (!before) {
      id = (await tx.personAssessment.create({ data: { personId, year, ...fields, enteredById: actor.id } })).id;
    } else {
      const moved = await tx.personAssessment.updateMany({ where: { id: before.id, version: data.version, status: { in: EDITABLE } }, data: { ...fields, enteredById: actor.id, version: { increment: 1 } } });
      if (moved.count !== 1) throw new ConflictError('assessments.errors.changed');
      id = before.id;
    }
    await recordAudit(tx, {
      actorId: actor.id, action: before ? 'assessment.update' : 'assessment.create', entityType: 'PersonAssessment', entityId: id, unitId: page.person.unitId,
      before: before ? snapshot(before) : null, after: { year, personId, ...snapshot(fields) }, requestId,
    });
  });
}

/** Officer or commander verifies a submitted assessment, or returns it with a reason (version-checked). */
export async function reviewAssessment(prisma: Db, actor: Actor, year: number, personId: number, action: 'verify' | 'return', data: { version: number; reason?: string }, requestId?: string): Promise<void> {
  authorize(actor, 'assessment.verify');
  const page = await getAssessment(prisma, actor, year, personId);
  const a = page.assessment;
  if (!a || a.status !== 'SUBMITTED') throw new ConflictError('assessments.errors.notSubmitted');
  if (a.version !== data.version) throw new ConflictError('assessments.errors.changed');
  await prisma.$transaction(async (tx) => {
    const to: AssessmentStatus = action === 'verify' ? 'VERIFIED' : 'RETURNED';
    const moved = await tx.personAssessment.updateMany({
      where: { id: a.id, version: data.version, status: 'SUBMITTED' },
      data: action === 'verify' ? { status: to, verifiedById: actor.id, verifiedAt: new Date(), returnReason: null, version: { increment: 1 } } : { status: to, returnReason: data.reason ?? null, version: { increment: 1 } },
    });
    if (moved.count !== 1) throw new ConflictError('assessments.errors.changed');
    await recordAudit(tx, { actorId: actor.id, action: `assessment.${action}`, entityType: 'PersonAssessment', entityId: a.id, unitId: page.person.unitId, before: { status: a.status }, after: { status: to }, reason: data.reason ?? null, requestId });
  });
}
