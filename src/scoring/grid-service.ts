import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { authorize } from '../auth/policy.ts';
import { loadPeriodContext, lockReason, num, participatingUnit, participatingUnits, assertWritable, type PeriodContext, type UnitInfo } from './context.ts';
import { saveOfficialScores } from './official.ts';
import { settleAfterOfficialSave } from './status.ts';
import type { CellInput } from './schema.ts';

export type StoredCell = {
  /** the Score row, and who last saved official points in it (a save reuses these: see saveOfficialScores) */
  id: number;
  scoredById: number | null;
  points: number | null;
  comment: string | null;
  selfPoints: number | null;
  selfComment: string | null;
  version: number;
  scoredAt: Date | null;
};
export type AssessmentInfo = { status: 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'VERIFIED'; returnReason: string | null; selfNote: string | null; verifiedAt: Date | null };

export type GridData = PeriodContext & {
  units: UnitInfo[];
  cells: Map<string, StoredCell>;
  assessments: Map<number, AssessmentInfo>;
  /** why the grid is read-only (translation key), or null */
  locked: string | null;
};

export const cellKey = (unitId: number, criterionId: number) => `${unitId}:${criterionId}`;

/** Stored cells and assessment statuses of some units in a period, in two queries. */
export async function loadCells(prisma: Db, periodId: number, unitIds: number[]) {
  const [scores, assessments] = await Promise.all([
    prisma.score.findMany({
      where: { periodId, unitId: { in: unitIds } },
      select: { id: true, unitId: true, criterionId: true, scoredById: true, points: true, comment: true, selfPoints: true, selfComment: true, version: true, scoredAt: true },
    }),
    prisma.assessment.findMany({ where: { periodId, unitId: { in: unitIds } }, select: { unitId: true, status: true, returnReason: true, selfNote: true, verifiedAt: true } }),
  ]);
  const cells = new Map<string, StoredCell>();
  for (const s of scores) {
    cells.set(cellKey(s.unitId, s.criterionId), {
      id: s.id, scoredById: s.scoredById, points: num(s.points), comment: s.comment, selfPoints: num(s.selfPoints), selfComment: s.selfComment, version: s.version, scoredAt: s.scoredAt,
    });
  }
  return {
    cells,
    assessments: new Map(assessments.map((a) => [a.unitId, { status: a.status, returnReason: a.returnReason, selfNote: a.selfNote, verifiedAt: a.verifiedAt }])),
  };
}

/**
 * The officer's score grid: every participating unit, or one unit when `unitId` is given. A save passes
 * `onlyUnitIds` (the units whose cells were posted), so saving a few rows of a 5,000-unit campaign does not
 * read the whole period's cells; the grid's view passes its block (`blockUnits`, participants in code order).
 */
export async function loadGrid(prisma: Db, actor: Actor, campaignId: number, periodId: number, unitId?: number, onlyUnitIds?: number[], blockUnits?: UnitInfo[]): Promise<GridData> {
  authorize(actor, 'score.enter');
  if (unitId === undefined && onlyUnitIds !== undefined) {
    // a save names its units: read everything at once, then keep the cells of those that take part (a block read
    // from the campaign's participants, blockUnits, is not read again)
    const [ctx, units, read] = await Promise.all([
      loadPeriodContext(prisma, actor, campaignId, periodId),
      blockUnits ?? participatingUnits(prisma, campaignId, onlyUnitIds),
      loadCells(prisma, periodId, onlyUnitIds),
    ]);
    const ids = new Set(units.map((u) => u.id));
    const cells = new Map([...read.cells].filter(([k]) => ids.has(Number(k.slice(0, k.indexOf(':'))))));
    const assessments = new Map([...read.assessments].filter(([u]) => ids.has(u)));
    return { ...ctx, units, cells, assessments, locked: lockReason(ctx) };
  }
  const ctx = await loadPeriodContext(prisma, actor, campaignId, periodId);
  const units = unitId !== undefined ? [await participatingUnit(prisma, campaignId, unitId)] : await participatingUnits(prisma, campaignId, onlyUnitIds);
  const { cells, assessments } = await loadCells(prisma, periodId, units.map((u) => u.id));
  return { ...ctx, units, cells, assessments, locked: lockReason(ctx) };
}

export type GridSaveResult = { changed: number; verified: number; units: number };

/**
 * Save a whole grid (or one unit's row) in one transaction: official points with version checks and
 * an audit row per changed cell, then each unit's assessment settled (complete → VERIFIED).
 */
export async function saveGrid(
  prisma: Db,
  actor: Actor,
  grid: GridData,
  input: { cells: CellInput[]; reason: string | null; requestId?: string },
): Promise<GridSaveResult> {
  authorize(actor, 'score.enter');
  assertWritable(grid);
  const unitIds = grid.units.map((u) => u.id);
  const allowed = new Set(unitIds);
  const cells = input.cells.filter((c) => allowed.has(c.unitId));
  return saveOfficialScores(
    prisma,
    actor,
    { campaignId: grid.campaign.id, periodId: grid.period.id, cells, reason: input.reason, requestId: input.requestId, known: grid.cells },
    async (tx, changed) => {
      const touched = new Set(changed.map((c) => c.unitId));
      const settled = await settleAfterOfficialSave(tx, actor, {
        campaignId: grid.campaign.id, periodId: grid.period.id, unitIds, criteriaCount: grid.criteria.length, changedUnitIds: touched, requestId: input.requestId,
      });
      return { changed: changed.length, verified: settled.verified.length, units: touched.size };
    },
  );
}
