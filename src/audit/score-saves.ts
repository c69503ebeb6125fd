// The audit record of an officer's score save: one record a save (entity: the period), listing every cell it
// changed, instead of one record a cell. A 15 × 20 grid wrote 300 rows with five indexes each: half of the save's
// statement and 80% of its WAL (bench/README.md, eighteenth round). Records of earlier saves, one a cell
// (score.update / score.create, entity Score), stay as they were and read as before.
//   before: { cells: [{ score, points, comment }] }            (scores.update only)
//   after:  { periodId, cells: [{ score, unit, criterion, points, comment }] }
import type { Db } from '../db/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { showValue, type Change } from './diff.ts';

export const SCORES_UPDATE = 'scores.update';
export const SCORES_CREATE = 'scores.create';
export const SCORE_SAVE_ENTITY = 'Period';
const SAVE_ACTIONS = [SCORES_UPDATE, SCORES_CREATE];

type Cell = { score: number; unit?: number; criterion?: number; points: number | null; comment: string | null };

export const isScoreSave = (action: string) => SAVE_ACTIONS.includes(action);

/**
 * The before and after of some records, by id. With `first`, a save's cells are cut to its first ones in
 * PostgreSQL and their number kept as after.count: a page of the trail reads 25 × 5 cells rather than 25 × 300
 * (read whole, a page of saves took 600–700 ms at 10 connections on the national data set; cut, and with five
 * cells shown a record, about 200 ms).
 */
export async function recordValues(prisma: Db, ids: bigint[], first: number | null = null): Promise<Map<bigint, { before: unknown; after: unknown }>> {
  if (!ids.length) return new Map();
  if (first === null) {
    const rows = await prisma.auditLog.findMany({ where: { id: { in: ids } }, select: { id: true, before: true, after: true } });
    return new Map(rows.map((r) => [r.id, { before: r.before, after: r.after }]));
  }
  const kept = keptPreviews(prisma, first);
  const out = new Map<bigint, Values>();
  for (const id of ids) {
    const hit = kept.get(id);
    if (hit) {
      kept.delete(id);
      kept.set(id, hit);
      out.set(id, hit);
    }
  }
  const missing = ids.filter((id) => !out.has(id));
  for (const [id, values] of missing.length ? await readPreviews(prisma, missing, first) : []) {
    deepFreeze(values);
    out.set(id, values);
    kept.set(id, values);
    if (kept.size > PREVIEWS_KEPT) kept.delete(kept.keys().next().value!);
  }
  return out;
}

type Values = { before: unknown; after: unknown };
/**
 * What the list shows of a record, kept by record id (per database client, and per number of cells shown): a record
 * never changes (the migration audit_append_only makes the database refuse it), so what was read once stays true.
 * The list's statement reads each save's compressed cells whole to cut them, 25 saves a page: at national scale,
 * with a page of saves, 8.9 ms of PostgreSQL a view (bench/README.md, twenty-seventh round). The most recently listed
 * records are kept, a few kB each.
 */
const PREVIEWS_KEPT = 1000;
const previews = new WeakMap<Db, Map<number, Map<bigint, Values>>>();
function keptPreviews(prisma: Db, first: number): Map<bigint, Values> {
  let byFirst = previews.get(prisma);
  if (!byFirst) previews.set(prisma, (byFirst = new Map()));
  let kept = byFirst.get(first);
  if (!kept) byFirst.set(first, (kept = new Map()));
  return kept;
}

/** Shared by every later view: a caller that changed one would fail loudly in the tests. */
function deepFreeze(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const x of Object.values(v)) deepFreeze(x);
}

async function readPreviews(prisma: Db, ids: bigint[], first: number): Promise<Map<bigint, Values>> {
  const last = JSON.stringify({ last: first - 1 });
  const rows = await prisma.$queryRaw<{ id: bigint; before: unknown; after: unknown }[]>`
    SELECT id,
      CASE WHEN action = ANY(${SAVE_ACTIONS}::text[]) AND jsonb_typeof(before->'cells') = 'array'
           THEN jsonb_build_object('cells', jsonb_path_query_array(before, '$.cells[0 to $last]', ${last}::jsonb)) ELSE before END AS before,
      CASE WHEN action = ANY(${SAVE_ACTIONS}::text[]) AND jsonb_typeof(after->'cells') = 'array'
           THEN jsonb_build_object('periodId', after->'periodId', 'count', jsonb_array_length(after->'cells'),
                                   'cells', jsonb_path_query_array(after, '$.cells[0 to $last]', ${last}::jsonb)) ELSE after END AS after
    FROM "AuditLog" WHERE id = ANY(${ids}::bigint[])`;
  return new Map(rows.map((r) => [BigInt(r.id), { before: r.before, after: r.after }]));
}

/** How many cells a save record lists (after.count when its cells were cut), or null for other records. */
export function savedCellCount(action: string, after: unknown): number | null {
  if (!isScoreSave(action)) return null;
  const count = (after as { count?: unknown } | null)?.count;
  return typeof count === 'number' ? count : cellsOf(after).length;
}

/** The cells of a record's before or after, as far as they have the expected shape (the trail is only read here). */
function cellsOf(v: unknown): Cell[] {
  const cells = v !== null && typeof v === 'object' ? (v as { cells?: unknown }).cells : undefined;
  if (!Array.isArray(cells)) return [];
  return cells.filter((c): c is Cell => c !== null && typeof c === 'object' && typeof (c as Cell).score === 'number');
}

/** A cell's value as read: its points, and its comment in quotes after them. */
function cellText(c: Cell | undefined): string | null {
  if (!c || (c.points === null && (c.comment === null || c.comment === undefined))) return null;
  const points = c.points === null || c.points === undefined ? '—' : String(c.points);
  return c.comment ? showValue(`${points} · “${c.comment}”`) : points;
}

/**
 * The changes of score-save records, one a cell ("unit · criterion": points and comment before → after), in the
 * order saved; the units' and criteria's names are read once for all the records given.
 */
export async function scoreSaveChanges(prisma: Db, records: { action: string; before: unknown; after: unknown }[]): Promise<Change[][]> {
  const saves = records.map((r) => (isScoreSave(r.action) ? { after: cellsOf(r.after), before: new Map(cellsOf(r.before).map((c) => [c.score, c])) } : null));
  const unitIds = new Set<number>();
  const criterionIds = new Set<number>();
  for (const s of saves) for (const c of s?.after ?? []) {
    if (typeof c.unit === 'number') unitIds.add(c.unit);
    if (typeof c.criterion === 'number') criterionIds.add(c.criterion);
  }
  const [units, criteria] = await Promise.all([
    unitIds.size ? prisma.unit.findMany({ where: { id: { in: [...unitIds] } }, select: { id: true, name: true, shortName: true } }) : [],
    criterionIds.size ? prisma.criterion.findMany({ where: { id: { in: [...criterionIds] } }, select: { id: true, code: true } }) : [],
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.shortName || u.name]));
  const code = new Map(criteria.map((c) => [c.id, c.code]));
  return saves.map((s) =>
    (s?.after ?? []).map((c) => ({
      key: `${unitName.get(c.unit ?? -1) ?? `#${c.unit}`} · ${code.get(c.criterion ?? -1) ?? `#${c.criterion}`}`,
      before: cellText(s!.before.get(c.score)),
      after: cellText(c),
    })),
  );
}

/**
 * The trail of one score (entity Score, id): its own records from before saves were recorded whole, and the
 * saves of its period that list it. Null when the id names no score (the plain entity filter then applies).
 */
export async function scoreHistoryWhere(prisma: Db, scoreId: number): Promise<Prisma.AuditLogWhereInput | null> {
  const score = await prisma.score.findUnique({ where: { id: scoreId }, select: { periodId: true } });
  if (!score) return null;
  return {
    OR: [
      { entityType: 'Score', entityId: String(scoreId) },
      // the period's saves through the (entityType, entityId) index, then the one listing this score
      { entityType: SCORE_SAVE_ENTITY, entityId: String(score.periodId), action: { in: SAVE_ACTIONS }, after: { path: ['cells'], array_contains: [{ score: scoreId }] } },
    ],
  };
}
