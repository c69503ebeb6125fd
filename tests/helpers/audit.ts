// The audit records of officers' score saves (one a save, listing its cells: src/audit/score-saves.ts), read back
// cell by cell in plain JavaScript, so a test does not rely on the app's own JSON filter.
import type { TestApp } from './app.ts';

export type SavedCell = { score: number; unit?: number; criterion?: number; points: number | null; comment: string | null };

export const cellsOf = (v: unknown): SavedCell[] => ((v as { cells?: SavedCell[] } | null)?.cells ?? []);

/** The save records (scores.update, scores.create) that list a score, oldest first, with that score's cell before and after. */
export async function scoreTrail(app: TestApp, scoreId: number) {
  const rows = await app.prisma.auditLog.findMany({ where: { action: { in: ['scores.update', 'scores.create'] } }, orderBy: { id: 'asc' } });
  return rows
    .map((r) => ({ ...r, cell: cellsOf(r.after).find((c) => c.score === scoreId), old: cellsOf(r.before).find((c) => c.score === scoreId) ?? null }))
    .filter((r) => r.cell !== undefined);
}
