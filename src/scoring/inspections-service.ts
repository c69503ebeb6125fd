// Inspection notes (kiểm tra, phúc tra): who inspected a unit, when, and what they found.
import type { Db } from '../db/index.ts';
import { authorize, can, type Actor } from '../auth/policy.ts';
import { ValidationError } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { getVisibleCampaign } from '../campaigns/service.ts';
import { participatingUnit } from './context.ts';
import type { InspectionForm } from './schema.ts';

const INCLUDE = { unit: { select: { id: true, code: true, name: true, shortName: true } }, period: { select: { id: true, seq: true, name: true } } } as const;

/**
 * The most recent inspection notes of a campaign, newest first (for the dashboards). Callers scope
 * by unit for unit accounts with `opts.unitId`.
 */
export async function latestInspections(prisma: Db, campaignId: number, limit: number, opts: { unitId?: number } = {}) {
  return prisma.inspection.findMany({
    where: { campaignId, ...(opts.unitId !== undefined ? { unitId: opts.unitId } : {}) },
    orderBy: [{ date: 'desc' }, { id: 'desc' }],
    take: Math.max(1, Math.min(100, limit)),
    include: INCLUDE,
  });
}

/** A unit's inspection notes in a campaign; a unit account sees only its own unit's. */
export async function unitInspections(prisma: Db, actor: Actor, campaignId: number, unitId: number) {
  const campaign = await getVisibleCampaign(prisma, actor, campaignId);
  authorize(actor, 'unit.view', { unitId });
  const unit = await participatingUnit(prisma, campaignId, unitId);
  const [items, periods] = await Promise.all([
    prisma.inspection.findMany({ where: { campaignId, unitId }, orderBy: [{ date: 'desc' }, { id: 'desc' }], include: INCLUDE }),
    prisma.period.findMany({ where: { campaignId }, orderBy: { seq: 'asc' }, select: { id: true, name: true } }),
  ]);
  return { campaign, unit, items, periods, canRecord: can(actor, 'inspection.record') };
}

/** Record an inspection of a unit; the optional period must belong to the same campaign. */
export async function recordInspection(prisma: Db, actor: Actor, campaignId: number, unitId: number, data: InspectionForm, requestId?: string) {
  authorize(actor, 'inspection.record');
  await getVisibleCampaign(prisma, actor, campaignId);
  await participatingUnit(prisma, campaignId, unitId);
  if (data.periodId !== null && !(await prisma.period.findFirst({ where: { id: data.periodId, campaignId } }))) {
    throw new ValidationError({ periodId: { key: 'validation.choice' } });
  }
  return prisma.$transaction(async (tx) => {
    const row = await tx.inspection.create({
      data: { campaignId, unitId, periodId: data.periodId, kind: data.kind, date: data.date, inspectors: data.inspectors, findings: data.findings, createdById: actor.id },
    });
    await recordAudit(tx, { actorId: actor.id, action: 'inspection.create', entityType: 'Inspection', entityId: row.id, campaignId, unitId, after: data, requestId });
    return row;
  });
}
