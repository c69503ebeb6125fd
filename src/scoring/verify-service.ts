// Verification (thẩm định): an officer accepts or changes a unit's self-assessed points, which become
// the official, verified points; or returns the self-assessment with a reason.
import type { Db } from '../db/index.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { notify } from '../notifications/service.ts';
import { listAttachments } from '../attachments/service.ts';
import { assertWritable, loadPeriodContext, lockReason, participatingUnit, type PeriodContext, type UnitInfo } from './context.ts';
import { cellKey, loadCells, type AssessmentInfo, type GridData, type StoredCell } from './grid-service.ts';
import { lockOpenPeriod, saveOfficialScores } from './official.ts';
import { ASSESSMENT_OWNER } from './self-service.ts';
import { cellName, type CellInput } from './schema.ts';

export type VerifyData = PeriodContext & {
  unit: UnitInfo;
  cells: Map<string, StoredCell>;
  assessment: (AssessmentInfo & { id: number; submittedAt: Date | null }) | null;
  attachments: Awaited<ReturnType<typeof listAttachments>>;
  locked: string | null;
};

export async function loadVerify(prisma: Db, actor: Actor, campaignId: number, periodId: number, unitId: number): Promise<VerifyData> {
  authorize(actor, 'score.verify');
  const ctx = await loadPeriodContext(prisma, actor, campaignId, periodId);
  const unit = await participatingUnit(prisma, campaignId, unitId);
  const { cells } = await loadCells(prisma, periodId, [unit.id]);
  const a = await prisma.assessment.findUnique({ where: { periodId_unitId: { periodId, unitId } } });
  const attachments = a ? await listAttachments(prisma, ASSESSMENT_OWNER, [a.id]) : [];
  return {
    ...ctx, unit, cells, attachments, locked: lockReason(ctx),
    assessment: a ? { id: a.id, status: a.status, returnReason: a.returnReason, selfNote: a.selfNote, verifiedAt: a.verifiedAt, submittedAt: a.submittedAt } : null,
  };
}

/** The verify page reuses the grid's cell views: official points prefilled with the self points when empty. */
export function verifyAsGrid(data: VerifyData): GridData {
  const cells = new Map(data.cells);
  for (const c of data.criteria) {
    const k = cellKey(data.unit.id, c.id);
    const cell = cells.get(k);
    if (cell && cell.points === null && cell.selfPoints !== null) cells.set(k, { ...cell, points: cell.selfPoints });
  }
  const assessments = new Map(data.assessment ? [[data.unit.id, data.assessment]] : []);
  return { ...data, units: [data.unit], cells, assessments };
}

/**
 * Verify: write every criterion's official points (each one required), audited per changed cell,
 * and mark the unit VERIFIED for the period by this officer.
 */
export async function verifyUnit(prisma: Db, actor: Actor, data: VerifyData, input: { cells: CellInput[]; reason: string | null; requestId?: string }): Promise<{ changed: number }> {
  authorize(actor, 'score.verify');
  assertWritable(data);
  const given = new Map(input.cells.map((c) => [c.criterionId, c]));
  const missing: FieldErrors = {};
  for (const c of data.criteria) {
    if ((given.get(c.id)?.points ?? null) === null) missing[cellName.points(data.unit.id, c.id)] = { key: 'scoring.validation.requiredToVerify' };
  }
  if (Object.keys(missing).length) throw new ValidationError(missing);
  const cells = input.cells.filter((c) => c.unitId === data.unit.id);
  return saveOfficialScores(
    prisma,
    actor,
    { campaignId: data.campaign.id, periodId: data.period.id, cells, reason: input.reason, requestId: input.requestId },
    async (tx, changed) => {
      const before = await tx.assessment.findUnique({ where: { periodId_unitId: { periodId: data.period.id, unitId: data.unit.id } } });
      const now = new Date();
      const saved = await tx.assessment.upsert({
        where: { periodId_unitId: { periodId: data.period.id, unitId: data.unit.id } },
        create: { periodId: data.period.id, unitId: data.unit.id, status: 'VERIFIED', verifiedById: actor.id, verifiedAt: now },
        update: { status: 'VERIFIED', verifiedById: actor.id, verifiedAt: now, version: { increment: 1 } },
      });
      await recordAudit(tx, {
        actorId: actor.id, action: 'assessment.verify', entityType: 'Assessment', entityId: saved.id, campaignId: data.campaign.id, unitId: data.unit.id,
        before: { status: before?.status ?? null, periodId: data.period.id }, after: { status: 'VERIFIED', periodId: data.period.id, changedCells: changed.length },
        reason: input.reason, requestId: input.requestId,
      });
      return { changed: changed.length };
    },
  );
}

/** Return a submitted self-assessment to the unit with a reason; the unit may then edit and resubmit. */
export async function returnAssessment(prisma: Db, actor: Actor, data: VerifyData, reason: string, requestId?: string): Promise<void> {
  authorize(actor, 'score.verify');
  assertWritable(data);
  await prisma.$transaction(async (tx) => {
    await lockOpenPeriod(tx, data.period.id);
    const cur = await tx.assessment.findUnique({ where: { periodId_unitId: { periodId: data.period.id, unitId: data.unit.id } } });
    if (!cur || cur.status !== 'SUBMITTED') throw new ConflictError('scoring.verify.notSubmitted');
    const r = await tx.assessment.updateMany({ where: { id: cur.id, version: cur.version }, data: { status: 'RETURNED', returnReason: reason, version: { increment: 1 } } });
    if (r.count === 0) throw new ConflictError();
    await recordAudit(tx, {
      actorId: actor.id, action: 'assessment.return', entityType: 'Assessment', entityId: cur.id, campaignId: data.campaign.id, unitId: data.unit.id,
      before: { status: cur.status, periodId: data.period.id }, after: { status: 'RETURNED', periodId: data.period.id }, reason, requestId,
    });
    await notify(tx, {
      toUnit: data.unit.id, kind: 'scoring.notify.returned', params: { period: data.period.name, campaign: data.campaign.name },
      link: `/campaigns/${data.campaign.id}/periods/${data.period.id}/self`,
    });
  });
}
