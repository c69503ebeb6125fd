// The title catalogue (danh mục danh hiệu, hình thức khen thưởng) as data: staff read it, admins edit it with a
// version check and an audit record. Campaigns pick their titles from it (entriesForCampaign).
import type { Db } from '../db/index.ts';
import type { Prisma, TitleCatalog } from '../generated/prisma/client.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { catalogueProblems, type CatalogueForm } from './schema.ts';

import type { Tx } from '../db/index.ts';

/** Someone saved the entry (or rule) after this form was read. */
export class StaleError extends ConflictError {
  constructor(public readonly current: { version: number }) {
    super('catalogue.conflict');
  }
}

/** Every entry (higher titles first within a scope) with its rules; the rules over every title come separately. */
export async function listCatalogue(prisma: Db, actor: Actor) {
  authorize(actor, 'catalogue.view');
  const [entries, general] = await Promise.all([
    prisma.titleCatalog.findMany({ orderBy: [{ scope: 'asc' }, { rank: 'desc' }, { code: 'asc' }], include: { rules: { orderBy: { code: 'asc' } } } }),
    prisma.eligibilityRule.findMany({ where: { titleId: null }, orderBy: { code: 'asc' } }),
  ]);
  return { entries, general };
}

export async function getEntry(prisma: Tx, actor: Actor, id: number): Promise<TitleCatalog> {
  authorize(actor, 'catalogue.view');
  const entry = await prisma.titleCatalog.findUnique({ where: { id } });
  if (!entry) throw new NotFoundError();
  return entry;
}

/** The codes an entry may name (combinations, quota base): every other entry. */
export async function catalogueCodes(prisma: Tx): Promise<{ code: string; name: string }[]> {
  return prisma.titleCatalog.findMany({ orderBy: [{ scope: 'asc' }, { rank: 'desc' }, { code: 'asc' }], select: { code: true, name: true } });
}

const snapshot = (e: TitleCatalog) => ({
  name: e.name, nameEn: e.nameEn, scope: e.scope, kind: e.kind, issuingLevel: e.issuingLevel, legalBasis: e.legalBasis,
  validFrom: e.validFrom, validTo: e.validTo, forRegular: e.forRegular, forPeak: e.forPeak, rank: e.rank,
  defaultQuotaBase: e.defaultQuotaBase, defaultQuotaPercent: e.defaultQuotaPercent === null ? null : Number(e.defaultQuotaPercent),
  quotaBaseCode: e.quotaBaseCode, quotaLegalBasis: e.quotaLegalBasis, combinesWith: e.combinesWith, active: e.active,
  ballotPercent: Number(e.ballotPercent), ballotLegalBasis: e.ballotLegalBasis,
});

/** Save an edited entry read at `data.version`: fields checked together, codes must exist, nothing written when stale. */
export async function updateEntry(prisma: Db, actor: Actor, id: number, data: CatalogueForm, requestId?: string): Promise<TitleCatalog> {
  authorize(actor, 'catalogue.manage');
  const problems: FieldErrors = catalogueProblems(data);
  if (Object.keys(problems).length) throw new ValidationError(problems);
  return prisma.$transaction(async (tx) => {
    const before = await getEntry(tx, actor, id);
    if (before.version !== data.version) throw new StaleError(before);
    const known = new Set((await catalogueCodes(tx)).map((c) => c.code));
    const combinesWith = [...new Set(data.combinesWith)];
    if (combinesWith.some((c) => !known.has(c) || c === before.code)) throw new ValidationError({ combinesWith: { key: 'validation.choice' } });
    const quotaBaseCode = data.defaultQuotaBase === 'HOLDERS' ? data.quotaBaseCode : null;
    if (quotaBaseCode && !known.has(quotaBaseCode)) throw new ValidationError({ quotaBaseCode: { key: 'validation.choice' } });
    const { version, ...fields } = data;
    const moved = await tx.titleCatalog.updateMany({
      where: { id, version },
      data: { ...fields, combinesWith, quotaBaseCode, defaultQuotaPercent: data.defaultQuotaBase === 'NONE' ? null : data.defaultQuotaPercent, version: { increment: 1 } },
    });
    if (moved.count !== 1) throw new StaleError(await tx.titleCatalog.findUniqueOrThrow({ where: { id } }));
    const after = await tx.titleCatalog.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { actorId: actor.id, action: 'catalogue.update', entityType: 'TitleCatalog', entityId: id, before: snapshot(before), after: snapshot(after), requestId });
    return after;
  });
}

/**
 * The entries a campaign may pick: active, in force at some point of the campaign's dates, and meant for its kind
 * (a peak campaign: forPeak; the regular movement: forRegular).
 */
export function entriesForCampaign(prisma: Tx, c: { kind: 'REGULAR' | 'PEAK'; startDate: Date; endDate: Date }) {
  return prisma.titleCatalog.findMany({
    where: {
      active: true,
      validFrom: { lte: c.endDate },
      OR: [{ validTo: null }, { validTo: { gte: c.startDate } }],
      ...(c.kind === 'PEAK' ? { forPeak: true } : { forRegular: true }),
    },
    orderBy: [{ scope: 'asc' }, { rank: 'desc' }, { code: 'asc' }],
  });
}
