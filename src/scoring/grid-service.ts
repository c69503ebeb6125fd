import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { authorize } from '../auth/policy.ts';
import { loadPeriodContext, lockReason, participatingUnit, participatingUnits, assertWritable, type PeriodContext, type UnitInfo } from './context.ts';
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

type CellRow = [id: number, unitId: number, criterionId: number, scoredById: number | null, points: number | null, comment: string | null, selfPoints: number | null, selfComment: string | null, version: number, scoredAt: number | null];
type AssessmentRow = [unitId: number, status: AssessmentInfo['status'], returnReason: string | null, selfNote: string | null, verifiedAt: number | null];

/**
 * Stored cells and assessment statuses of some units in a period, in one statement that returns each list as JSON
 * text (a block's 450 cells cost Prisma's row mapping and decimal parsing more than the query did: bench profile).
 * Times travel as epoch milliseconds of the UTC wall time, as Prisma reads these timestamp columns.
 */
export async function loadCells(prisma: Db, periodId: number, unitIds: number[]) {
  const [row] = await prisma.$queryRaw<{ cells: string; assessments: string }[]>`
    SELECT
      (SELECT coalesce(json_agg(json_build_array(s."id", s."unitId", s."criterionId", s."scoredById", s."points", s."comment", s."selfPoints", s."selfComment",
                s."version", (extract(epoch FROM s."scoredAt") * 1000)::bigint)), '[]')::text
         FROM "Score" s WHERE s."periodId" = ${periodId} AND s."unitId" = ANY(${unitIds}::int[])) AS "cells",
      (SELECT coalesce(json_agg(json_build_array(a."unitId", a."status", a."returnReason", a."selfNote", (extract(epoch FROM a."verifiedAt") * 1000)::bigint)), '[]')::text
         FROM "Assessment" a WHERE a."periodId" = ${periodId} AND a."unitId" = ANY(${unitIds}::int[])) AS "assessments"`;
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  const cells = new Map<string, StoredCell>();
  for (const [id, unitId, criterionId, scoredById, points, comment, selfPoints, selfComment, version, scoredAt] of JSON.parse(row.cells) as CellRow[]) {
    cells.set(cellKey(unitId, criterionId), { id, scoredById, points, comment, selfPoints, selfComment, version, scoredAt: at(scoredAt) });
  }
  const assessments = new Map<number, AssessmentInfo>();
  for (const [unitId, status, returnReason, selfNote, verifiedAt] of JSON.parse(row.assessments) as AssessmentRow[]) {
    assessments.set(unitId, { status, returnReason, selfNote, verifiedAt: at(verifiedAt) });
  }
  return { cells, assessments };
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
