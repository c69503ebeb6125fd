import type { Db } from '../db/index.ts';
import type { Prisma, Unit } from '../generated/prisma/client.ts';
import type { Actor } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { lockUnitTree, unitSearchText, unitSnapshot } from './service.ts';
import { checkAgainstRegistry, mergeIssues, readUnitsCsv, type ImportIssue, type ImportRow } from './import-rows.ts';

export type ImportedUnit = { id: number; code: string; name: string };
export type ImportSummary = {
  fileName: string;
  counts: { rows: number; created: number; updated: number; unchanged: number };
  /** lists may be cut short for display; the counts are complete */
  created: ImportedUnit[];
  updated: ImportedUnit[];
};
export type ImportResult = { ok: true; summary: ImportSummary } | { ok: false; issues: ImportIssue[] };

const brief = (u: Unit): ImportedUnit => ({ id: u.id, code: u.code, name: u.name });

/**
 * Import units from CSV text. Every row is checked first (on its own, against the other rows and
 * against the registry); if anything is wrong, nothing is written and every problem is returned with
 * its line. Otherwise all rows are created or updated (matched by code) in one transaction.
 */
export async function importUnits(prisma: Db, by: Actor, text: string, fileName: string, requestId?: string): Promise<ImportResult> {
  const read = readUnitsCsv(text);
  if (read.fatal) return { ok: false, issues: read.issues };
  return prisma.$transaction(
    async (tx): Promise<ImportResult> => {
      await lockUnitTree(tx);
      const existing = await tx.unit.findMany();
      const issues = mergeIssues(read.issues, checkAgainstRegistry(read, existing));
      if (issues.length) return { ok: false, issues };

      const ctx: WriteContext = {
        tx,
        byCode: new Map(existing.map((u) => [u.code, u])),
        idOf: new Map(existing.map((u) => [u.code, u.id])),
        rowOf: new Map(read.rows.map((r) => [r.code, r])),
        withParent: read.columns.has('parent_code'),
        withShortName: read.columns.has('short_name'),
        audit: { actorId: by.id, requestId, reason: `CSV: ${fileName}`.slice(0, 300) },
        created: [],
      };
      for (const row of read.rows) await ensureCreated(ctx, row);
      const updated: ImportedUnit[] = [];
      let unchanged = 0;
      for (const row of read.rows) {
        const before = ctx.byCode.get(row.code);
        if (!before) continue;
        const after = await updateFromRow(ctx, before, row);
        if (after) updated.push(brief(after));
        else unchanged++;
      }
      const counts = { rows: read.rows.length, created: ctx.created.length, updated: updated.length, unchanged };
      return { ok: true, summary: { fileName, counts, created: ctx.created.map(brief), updated } };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

type WriteContext = {
  tx: Prisma.TransactionClient;
  byCode: Map<string, Unit>;
  idOf: Map<string, number>;
  rowOf: Map<string, ImportRow>;
  withParent: boolean;
  withShortName: boolean;
  audit: { actorId: number; requestId?: string; reason: string };
  created: Unit[];
};

/** Create a new row's unit, creating its parent first when the parent is also new in this file. */
async function ensureCreated(ctx: WriteContext, row: ImportRow): Promise<void> {
  if (ctx.idOf.has(row.code)) return;
  const parentCode = ctx.withParent ? row.parentCode : null;
  if (parentCode && !ctx.idOf.has(parentCode)) await ensureCreated(ctx, ctx.rowOf.get(parentCode)!);
  const unit = await ctx.tx.unit.create({
    data: {
      code: row.code,
      name: row.name,
      shortName: row.shortName,
      type: row.type,
      parentId: parentCode ? ctx.idOf.get(parentCode)! : null,
      searchText: unitSearchText(row),
    },
  });
  ctx.idOf.set(unit.code, unit.id);
  ctx.created.push(unit);
  await recordAudit(ctx.tx, { ...ctx.audit, action: 'unit.create', entityType: 'Unit', entityId: unit.id, unitId: unit.id, after: unitSnapshot(unit) });
}

/** Update an existing unit from its row; returns null when the row changes nothing. */
async function updateFromRow(ctx: WriteContext, before: Unit, row: ImportRow): Promise<Unit | null> {
  const next = {
    name: row.name,
    type: row.type,
    shortName: ctx.withShortName ? row.shortName : before.shortName,
    parentId: ctx.withParent ? (row.parentCode ? ctx.idOf.get(row.parentCode)! : null) : before.parentId,
  };
  if (next.name === before.name && next.type === before.type && next.shortName === before.shortName && next.parentId === before.parentId) return null;
  const after = await ctx.tx.unit.update({
    where: { id: before.id },
    data: { ...next, searchText: unitSearchText({ code: before.code, ...next }), version: { increment: 1 } },
  });
  await recordAudit(ctx.tx, { ...ctx.audit, action: 'unit.update', entityType: 'Unit', entityId: before.id, unitId: before.id, before: unitSnapshot(before), after: unitSnapshot(after) });
  return after;
}
