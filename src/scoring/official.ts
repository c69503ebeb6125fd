// Writing official points (the officer's scores) with optimistic concurrency and an audit trail of every changed
// cell (one record a save, listing its cells: src/audit/score-saves.ts). Used by the score grid and by
// verification, so both follow the same rules.
import type { Db, Tx } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { num } from './context.ts';
import type { CellInput } from './schema.ts';
import { SCORE_SAVE_ENTITY, SCORES_CREATE, SCORES_UPDATE } from '../audit/score-saves.ts';

/** A cell someone else changed after the officer read it: the newer value, who saved it and when. */
export type ConflictCell = { unitId: number; criterionId: number; points: number | null; comment: string | null; version: number; byName: string | null; at: Date | null };

export class ScoreConflictError extends ConflictError {
  constructor(public readonly cells: ConflictCell[]) {
    super('scoring.conflict.summary', { n: cells.length }, cells);
  }
}

/** A version-guarded update found the version moved after the checks passed. */
class RaceLost extends Error {}

export type ChangedCell = {
  unitId: number;
  criterionId: number;
  scoreId: number;
  before: { points: number | null; comment: string | null } | null;
  after: { points: number | null; comment: string | null };
};

export type OfficialSave = {
  campaignId: number;
  periodId: number;
  cells: CellInput[];
  reason: string | null;
  requestId?: string;
  /**
   * The cells as read just before (by "unitId:criterionId", every stored cell of the posted units): then they are
   * not read again inside the transaction. A cell changed in between is still caught: the UPDATE is guarded by the
   * version read, so it fails (409), and a cell created in between fails the insert on its unique key (409).
   */
  known?: ReadonlyMap<string, KnownCell>;
};

/** A stored cell as writeCells needs it. */
export type KnownCell = { id: number; version: number; points: number | null; comment: string | null; scoredById: number | null };

const samePoints = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 0.005);

/**
 * Save official cells in one transaction. A cell is only written when its value differs from the
 * stored one; then the version the officer read must still be current, otherwise nothing is saved
 * and ScoreConflictError lists every such cell. Overwriting points that were already set needs a
 * reason. `then` runs inside the same transaction with the changed cells (status updates, etc.).
 */
export async function saveOfficialScores<T>(
  prisma: Db,
  actor: Actor,
  save: OfficialSave,
  then: (tx: Prisma.TransactionClient, changed: ChangedCell[]) => Promise<T>,
): Promise<T> {
  try {
    return await prisma.$transaction(
      async (tx) => {
        await lockOpenPeriod(tx, save.periodId);
        const changed = await writeCells(tx, actor, save);
        return then(tx, changed);
      },
      { timeout: 60_000, maxWait: 20_000 },
    );
  } catch (e) {
    const raced = e instanceof RaceLost || (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002');
    if (!raced) throw e;
    // someone else's write landed between our checks and our write: report the cells that moved
    const now = await describeCells(prisma, save.periodId, save.cells);
    const given = new Map(save.cells.map((c) => [`${c.unitId}:${c.criterionId}`, c.version]));
    throw new ScoreConflictError(now.filter((c) => given.get(`${c.unitId}:${c.criterionId}`) !== c.version && (c.points !== null || c.comment !== null)));
  }
}

/**
 * Share-lock the period row for the rest of the transaction: a concurrent close waits for this
 * save to finish (and then sees it), and a save never lands in a period that was just closed.
 */
export async function lockOpenPeriod(tx: Tx, periodId: number): Promise<void> {
  const rows = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM "Period" WHERE id = ${periodId} FOR SHARE`;
  if (!rows[0]) throw new NotFoundError();
  if (rows[0].status === 'CLOSED') throw new ConflictError('scoring.periodClosed');
}

async function readCells(tx: Tx, save: OfficialSave): Promise<Map<string, KnownCell>> {
  const unitIds = [...new Set(save.cells.map((c) => c.unitId))];
  const critIds = [...new Set(save.cells.map((c) => c.criterionId))];
  const rows = await tx.score.findMany({
    where: { periodId: save.periodId, unitId: { in: unitIds }, criterionId: { in: critIds } },
    select: { id: true, unitId: true, criterionId: true, version: true, points: true, comment: true, scoredById: true },
  });
  return new Map(rows.map((r) => [`${r.unitId}:${r.criterionId}`, { id: r.id, version: r.version, points: num(r.points), comment: r.comment, scoredById: r.scoredById }]));
}

async function writeCells(tx: Prisma.TransactionClient, actor: Actor, save: OfficialSave): Promise<ChangedCell[]> {
  if (save.cells.length === 0) return [];
  const byKey = save.known ?? (await readCells(tx, save));

  type Plan = { cell: CellInput; row: KnownCell | undefined; before: ChangedCell['before']; after: ChangedCell['after'] };
  const plans: Plan[] = [];
  const conflicts: { unitId: number; criterionId: number }[] = [];
  let overwrites = false;
  for (const cell of save.cells) {
    const row = byKey.get(`${cell.unitId}:${cell.criterionId}`);
    const curPoints = row?.points ?? null;
    const curComment = row?.comment ?? null;
    const after = { points: cell.points, comment: cell.comment === undefined ? curComment : cell.comment };
    if (samePoints(after.points, curPoints) && after.comment === curComment) continue;
    if (row) {
      const untouchedOfficially = row.points === null && row.comment === null && row.scoredById === null;
      if (cell.version !== row.version && !(cell.version === null && untouchedOfficially)) {
        conflicts.push(cell);
        continue;
      }
    }
    if (curPoints !== null && !samePoints(after.points, curPoints)) overwrites = true;
    plans.push({ cell, row, before: row ? { points: curPoints, comment: curComment } : null, after });
  }
  if (conflicts.length) throw new ScoreConflictError(await describeCells(tx, save.periodId, conflicts));
  if (overwrites && !save.reason) throw new ValidationError({ reason: { key: 'scoring.validation.reasonRequired' } });

  const now = new Date();
  const changed: ChangedCell[] = [];
  const updates = plans.filter((x) => x.row);
  if (updates.length) {
    // one version-guarded UPDATE for every changed cell (a row per cell was 300 round trips for a 15 × 20 grid), and
    // in the same statement the save's audit record: every updated cell, in the order posted, its old values from the
    // statement's snapshot, taken before the update (a data-modifying WITH sees no effect of its siblings), the new
    // ones from the updated rows. One record a save, not one a cell: 300 rows with five indexes each were half of
    // this statement's time and 80% of a save's WAL (bench/README.md, eighteenth round). The cells are built as json
    // text and made jsonb once: jsonb_agg of 600 jsonb objects cost PostgreSQL about 1 ms more a 300-cell save
    // (twenty-eighth round), for the same stored value.
    const [{ n }] = await tx.$queryRaw<{ n: number }[]>`
      WITH v AS (
        SELECT * FROM unnest(${updates.map((p) => p.row!.id)}::int[], ${updates.map((p) => p.row!.version)}::int[],
                             ${updates.map((p) => (p.after.points === null ? null : String(p.after.points)))}::numeric[],
                             ${updates.map((p) => p.after.comment)}::text[]) WITH ORDINALITY AS v(id, version, points, comment, i)
      ), up AS (
        UPDATE "Score" AS s
        SET "points" = v.points, "comment" = v.comment, "scoredById" = ${actor.id}, "scoredAt" = ${now}, "version" = s."version" + 1, "updatedAt" = ${now}
        FROM v WHERE s."id" = v.id AND s."version" = v.version
        RETURNING s."id", s."unitId", s."criterionId", s."points", s."comment", v.i
      ), audit AS (
        INSERT INTO "AuditLog" ("userId", "action", "entityType", "entityId", "campaignId", "unitId", "before", "after", "reason", "requestId", "at")
        SELECT ${actor.id}::int, ${SCORES_UPDATE}, ${SCORE_SAVE_ENTITY}, ${String(save.periodId)}, ${save.campaignId}::int,
               CASE WHEN min(up."unitId") = max(up."unitId") THEN min(up."unitId") END,
               json_build_object('cells', json_agg(json_build_object('score', up."id", 'points', trim_scale(o."points"), 'comment', o."comment") ORDER BY up.i))::jsonb,
               json_build_object('periodId', ${save.periodId}::int, 'cells', json_agg(json_build_object(
                 'score', up."id", 'unit', up."unitId", 'criterion', up."criterionId", 'points', trim_scale(up."points"), 'comment', up."comment") ORDER BY up.i))::jsonb,
               ${save.reason}::text, ${save.requestId ?? null}::text, ${now}::timestamptz AT TIME ZONE 'UTC'
        FROM up JOIN "Score" o ON o."id" = up."id"
        HAVING count(*) > 0
      )
      SELECT count(*)::int AS n FROM up`;
    if (n !== updates.length) throw new RaceLost();
    for (const p of updates) changed.push({ unitId: p.cell.unitId, criterionId: p.cell.criterionId, scoreId: p.row!.id, before: p.before, after: p.after });
  }
  const inserts = plans.filter((x) => !x.row);
  if (inserts.length) {
    // a concurrent insert of the same cell fails here on the unique (period, unit, criterion): P2002 → conflict
    const rows = await tx.score.createManyAndReturn({
      data: inserts.map((p) => ({
        campaignId: save.campaignId, periodId: save.periodId, unitId: p.cell.unitId, criterionId: p.cell.criterionId,
        points: p.after.points, comment: p.after.comment, scoredById: actor.id, scoredAt: now,
      })),
      select: { id: true, unitId: true, criterionId: true },
    });
    const ids = new Map(rows.map((c) => [`${c.unitId}:${c.criterionId}`, c.id]));
    const created = inserts.map((p) => ({ unitId: p.cell.unitId, criterionId: p.cell.criterionId, scoreId: ids.get(`${p.cell.unitId}:${p.cell.criterionId}`)!, before: null, after: p.after }));
    // the save's audit record of its new cells (plain numbers, strings and nulls: what auditJson would give)
    const cellsJson = created.map((c) => ({ score: c.scoreId, unit: c.unitId, criterion: c.criterionId, points: c.after.points, comment: c.after.comment }));
    const unitIds = new Set(created.map((c) => c.unitId));
    await tx.$executeRaw`
      INSERT INTO "AuditLog" ("userId", "action", "entityType", "entityId", "campaignId", "unitId", "after", "reason", "requestId", "at")
      VALUES (${actor.id}::int, ${SCORES_CREATE}, ${SCORE_SAVE_ENTITY}, ${String(save.periodId)}, ${save.campaignId}::int,
              ${unitIds.size === 1 ? created[0].unitId : null}::int, ${JSON.stringify({ periodId: save.periodId, cells: cellsJson })}::jsonb,
              ${save.reason}::text, ${save.requestId ?? null}::text, ${now}::timestamptz AT TIME ZONE 'UTC')`;
    changed.push(...created);
  }
  return changed;
}

/** The stored official values of some cells, with who saved them, for conflict messages. */
export async function describeCells(db: Tx, periodId: number, keys: { unitId: number; criterionId: number }[]): Promise<ConflictCell[]> {
  if (keys.length === 0) return [];
  const rows = await db.score.findMany({
    where: { periodId, unitId: { in: [...new Set(keys.map((k) => k.unitId))] }, criterionId: { in: [...new Set(keys.map((k) => k.criterionId))] } },
  });
  const wanted = new Set(keys.map((k) => `${k.unitId}:${k.criterionId}`));
  const hits = rows.filter((r) => wanted.has(`${r.unitId}:${r.criterionId}`));
  const userIds = [...new Set(hits.map((r) => r.scoredById).filter((x): x is number => x !== null))];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, fullName: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.fullName]));
  return hits.map((r) => ({
    unitId: r.unitId,
    criterionId: r.criterionId,
    points: num(r.points),
    comment: r.comment,
    version: r.version,
    byName: r.scoredById ? (names.get(r.scoredById) ?? null) : null,
    at: r.scoredAt,
  }));
}
