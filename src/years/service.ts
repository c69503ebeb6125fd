// Movement years (phong trào thi đua của năm): each holds the year's regular campaign and its peak campaigns.
import type { Db } from '../db/index.ts';
import { Prisma, type MovementYear } from '../generated/prisma/client.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import type { YearEditForm, YearForm } from './schema.ts';
import { campaignWhere, chainScope } from '../chain/scope.ts';

const campaignFields = { id: true, name: true, kind: true, status: true, startDate: true, endDate: true } as const;

/** Someone saved the year after this form was read; carries what is saved now. */
export class YearChangedError extends ConflictError {
  constructor(public readonly current: MovementYear) {
    super('years.conflict');
  }
}

const snapshot = (y: MovementYear) => ({ year: y.year, name: y.name, motto: y.motto, theme: y.theme, decisionNo: y.decisionNo });
const taken = () => new ValidationError({ year: { key: 'years.errors.yearTaken' } });
const isUnique = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';

/** Every year, newest first, with its campaigns (the regular one first). */
export async function listYears(prisma: Db, actor: Actor) {
  authorize(actor, 'year.view');
  const mine = campaignWhere(await chainScope(prisma, actor));
  const years = await prisma.movementYear.findMany({ orderBy: { year: 'desc' }, include: { campaigns: { where: mine, select: campaignFields, orderBy: [{ kind: 'asc' }, { startDate: 'asc' }] } } });
  const loose = await prisma.campaign.count({ where: { yearId: null, ...mine } });
  return { years, loose };
}

/** One year with its campaigns. */
export async function getYear(prisma: Db, actor: Actor, id: number) {
  authorize(actor, 'year.view');
  const mine = campaignWhere(await chainScope(prisma, actor));
  const year = await prisma.movementYear.findUnique({ where: { id }, include: { campaigns: { where: mine, select: campaignFields, orderBy: [{ kind: 'asc' }, { startDate: 'asc' }] } } });
  if (!year) throw new NotFoundError();
  return year;
}

/** Years for a select (the campaign details step). */
export function yearOptions(prisma: Db) {
  return prisma.movementYear.findMany({ orderBy: { year: 'desc' }, select: { id: true, year: true, name: true } });
}

export async function createYear(prisma: Db, actor: Actor, data: YearForm, requestId?: string): Promise<MovementYear> {
  authorize(actor, 'year.manage');
  try {
    return await prisma.$transaction(async (tx) => {
      if (await tx.movementYear.findUnique({ where: { year: data.year } })) throw taken();
      const y = await tx.movementYear.create({ data });
      await recordAudit(tx, { actorId: actor.id, action: 'year.create', entityType: 'MovementYear', entityId: y.id, after: snapshot(y), requestId });
      return y;
    });
  } catch (e) {
    if (isUnique(e)) throw taken();
    throw e;
  }
}

/** Save an edited year read at `data.version`; a stale form writes nothing (YearChangedError). */
export async function updateYear(prisma: Db, actor: Actor, id: number, data: YearEditForm, requestId?: string): Promise<MovementYear> {
  authorize(actor, 'year.manage');
  const { version, ...fields } = data;
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.movementYear.findUnique({ where: { id } });
      if (!before) throw new NotFoundError();
      if (before.version !== version) throw new YearChangedError(before);
      const clash = await tx.movementYear.findUnique({ where: { year: fields.year } });
      if (clash && clash.id !== id) throw taken();
      const moved = await tx.movementYear.updateMany({ where: { id, version }, data: { ...fields, version: { increment: 1 } } });
      if (moved.count !== 1) throw new YearChangedError(await tx.movementYear.findUniqueOrThrow({ where: { id } }));
      const after = await tx.movementYear.findUniqueOrThrow({ where: { id } });
      await recordAudit(tx, { actorId: actor.id, action: 'year.update', entityType: 'MovementYear', entityId: id, before: snapshot(before), after: snapshot(after), requestId });
      return after;
    });
  } catch (e) {
    if (isUnique(e)) throw taken();
    throw e;
  }
}
