// A unit's self-assessment for a period: its own points and comments per criterion, a note and
// evidence files; submitting hands it to the officers, and it stays read-only unless returned.
import type { Db } from '../db/index.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { ConflictError, ForbiddenError, NotFoundError, type FieldErrors } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { checkEvidence, listAttachments, MAX_FILES_PER_OWNER, storeAttachments, type CheckedFile, type FileProblem, type IncomingFile } from '../attachments/service.ts';
import { assertWritable, loadPeriodContext, lockReason, participatingUnit, type CriterionInfo, type PeriodContext, type UnitInfo } from './context.ts';
import { cellKey, loadCells, type AssessmentInfo, type StoredCell } from './grid-service.ts';
import { lockOpenPeriod } from './official.ts';
import { cellName, type SelfInput } from './schema.ts';

export const ASSESSMENT_OWNER = 'assessment';

export type SelfData = PeriodContext & {
  unit: UnitInfo;
  cells: Map<string, StoredCell>;
  assessment: (AssessmentInfo & { id: number; version: number; submittedAt: Date | null }) | null;
  attachments: Awaited<ReturnType<typeof listAttachments>>;
  /** why the form is read-only (translation key), or null when the unit may edit */
  locked: string | null;
};

/** Statuses in which the unit may still change its self-assessment. */
const EDITABLE = new Set([null, 'DRAFT', 'RETURNED']);

/**
 * Why the unit may not change its self-assessment of this period (a translation key), or null when it may: the
 * period is closed, the campaign is not running, or the assessment is already submitted or verified.
 */
export function selfLock(ctx: Pick<PeriodContext, 'campaign' | 'period'>, status: string | null): string | null {
  return lockReason(ctx) ?? (EDITABLE.has(status) ? null : status === 'VERIFIED' ? 'scoring.self.lockedVerified' : 'scoring.self.lockedSubmitted');
}

/** The signed-in unit's own self-assessment; there is no way to name another unit. */
export async function loadSelf(prisma: Db, actor: Actor, campaignId: number, periodId: number): Promise<SelfData> {
  if (actor.role !== 'UNIT' || actor.unitId === null) throw new ForbiddenError();
  authorize(actor, 'self.assess', { unitId: actor.unitId });
  const ctx = await loadPeriodContext(prisma, actor, campaignId, periodId);
  const unit = await participatingUnit(prisma, campaignId, actor.unitId);
  const { cells } = await loadCells(prisma, periodId, [unit.id]);
  const a = await prisma.assessment.findUnique({ where: { periodId_unitId: { periodId, unitId: unit.id } } });
  const attachments = a ? await listAttachments(prisma, ASSESSMENT_OWNER, [a.id]) : [];
  const locked = selfLock(ctx, a?.status ?? null);
  return {
    ...ctx, unit, cells, attachments, locked,
    assessment: a ? { id: a.id, version: a.version, status: a.status, returnReason: a.returnReason, selfNote: a.selfNote, verifiedAt: a.verifiedAt, submittedAt: a.submittedAt } : null,
  };
}

export type SelfRow = {
  criterion: CriterionInfo;
  name: string;
  commentName: string;
  value: string;
  comment: string;
  official: number | null;
  officialComment: string | null;
};

/** Rows of the self-assessment form; official points are shown once verified. */
export function selfRows(data: SelfData, typed: Record<string, unknown> | null, input: (n: number) => string): SelfRow[] {
  const showOfficial = data.assessment?.status === 'VERIFIED';
  const text = (v: unknown) => (v === undefined || v === null ? undefined : String(Array.isArray(v) ? v[v.length - 1] : v));
  return data.criteria.map((c) => {
    const cell = data.cells.get(cellKey(data.unit.id, c.id));
    const name = cellName.self(c.id);
    const commentName = cellName.selfComment(c.id);
    return {
      criterion: c,
      name,
      commentName,
      value: (typed ? text(typed[name]) : undefined) ?? (cell?.selfPoints === null || cell?.selfPoints === undefined ? '' : input(cell.selfPoints)),
      comment: (typed ? text(typed[commentName]) : undefined) ?? cell?.selfComment ?? '',
      official: showOfficial ? (cell?.points ?? null) : null,
      officialComment: showOfficial ? (cell?.comment ?? null) : null,
    };
  });
}

/** Check uploaded files before anything is written; problems go beside the file field. */
export function checkFiles(files: IncomingFile[], maxBytes: number, already: number, multerProblem: FileProblem | null): { files: CheckedFile[]; errors: FieldErrors } {
  if (multerProblem) return { files: [], errors: { files: multerProblem } };
  const ok: CheckedFile[] = [];
  for (const f of files) {
    const r = checkEvidence(f, maxBytes);
    if (!r.ok) return { files: [], errors: { files: r.problem } };
    ok.push(r.file);
  }
  if (already + ok.length > MAX_FILES_PER_OWNER) return { files: [], errors: { files: { key: 'attachments.tooMany', params: { max: MAX_FILES_PER_OWNER } } } };
  return { files: ok, errors: {} };
}

/**
 * Save (and optionally submit) the unit's self-assessment, with its evidence, in one transaction.
 * The form names the assessment version it read: a stale form is a conflict, never an overwrite.
 */
export async function saveSelf(prisma: Db, actor: Actor, data: SelfData, input: SelfInput, files: CheckedFile[], requestId?: string): Promise<{ submitted: boolean }> {
  assertWritable(data);
  if (data.locked) throw new ConflictError(data.locked);
  const { period, unit, campaign } = data;
  await prisma.$transaction(
    async (tx) => {
      await lockOpenPeriod(tx, period.id);
      const cur = await tx.assessment.findUnique({ where: { periodId_unitId: { periodId: period.id, unitId: unit.id } } });
      if ((cur?.version ?? null) !== input.version) throw new ConflictError('scoring.self.stale');
      if (cur && !EDITABLE.has(cur.status)) throw new ConflictError('scoring.self.lockedSubmitted');
      const rows = await tx.score.findMany({ where: { periodId: period.id, unitId: unit.id } });
      const byCrit = new Map(rows.map((r) => [r.criterionId, r]));
      const changes: { criterionId: number; before: unknown; after: unknown }[] = [];
      const inserts = [];
      for (const c of input.cells) {
        const row = byCrit.get(c.criterionId);
        const before = row ? { selfPoints: row.selfPoints === null ? null : Number(row.selfPoints.toString()), selfComment: row.selfComment } : null;
        const same = before ? before.selfPoints === c.points && before.selfComment === c.comment : c.points === null && c.comment === null;
        if (same) continue;
        changes.push({ criterionId: c.criterionId, before, after: { selfPoints: c.points, selfComment: c.comment } });
        // self edits do not move Score.version: that guards the officers' points only
        if (row) await tx.score.update({ where: { id: row.id }, data: { selfPoints: c.points, selfComment: c.comment } });
        else inserts.push({ campaignId: campaign.id, periodId: period.id, unitId: unit.id, criterionId: c.criterionId, selfPoints: c.points, selfComment: c.comment });
      }
      if (inserts.length) await tx.score.createMany({ data: inserts });
      const now = new Date();
      const status = input.submit ? 'SUBMITTED' : (cur?.status ?? 'DRAFT');
      const saved = await tx.assessment.upsert({
        where: { periodId_unitId: { periodId: period.id, unitId: unit.id } },
        create: { periodId: period.id, unitId: unit.id, status, selfNote: input.note, submittedAt: input.submit ? now : null },
        update: { status, selfNote: input.note, ...(input.submit ? { submittedAt: now } : {}), version: { increment: 1 } },
      });
      await storeAttachments(tx, ASSESSMENT_OWNER, saved.id, files, actor.id);
      await recordAudit(tx, {
        actorId: actor.id, action: input.submit ? 'assessment.submit' : 'assessment.selfSave', entityType: 'Assessment', entityId: saved.id,
        campaignId: campaign.id, unitId: unit.id,
        before: { status: cur?.status ?? null, selfNote: cur?.selfNote ?? null, cells: changes.map((c) => ({ criterionId: c.criterionId, ...(c.before ?? {}) })) },
        after: { status, selfNote: input.note, periodId: period.id, cells: changes.map((c) => ({ criterionId: c.criterionId, ...(c.after as object) })), files: files.map((f) => f.fileName) },
        requestId,
      });
    },
    { timeout: 60_000, maxWait: 20_000 },
  );
  return { submitted: input.submit };
}

/** Remove one evidence file of the unit's own self-assessment, while it can still be edited. */
export async function deleteSelfAttachment(prisma: Db, actor: Actor, data: SelfData, attachmentId: number, requestId?: string): Promise<void> {
  assertWritable(data);
  if (data.locked) throw new ConflictError(data.locked);
  const a = data.assessment;
  const file = a ? data.attachments.find((f) => f.id === attachmentId) : undefined;
  if (!a || !file) throw new NotFoundError();
  await prisma.$transaction(async (tx) => {
    await lockOpenPeriod(tx, data.period.id);
    const r = await tx.attachment.deleteMany({ where: { id: attachmentId, ownerType: ASSESSMENT_OWNER, ownerId: a.id } });
    if (r.count === 0) throw new NotFoundError();
    await recordAudit(tx, {
      actorId: actor.id, action: 'attachment.delete', entityType: 'Attachment', entityId: attachmentId, campaignId: data.campaign.id, unitId: data.unit.id,
      before: { fileName: file.fileName, size: file.size, assessmentId: a.id }, requestId,
    });
  });
}

