// The audit trail viewer (nhật ký thao tác): admins read, filter and export the append-only AuditLog.
import type { Db } from '../db/index.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { countCap, paged, type Page } from '../lib/paging.ts';
import { changedKeys, type Change } from './diff.ts';
import type { AuditFilter } from './schema.ts';
import { INT4_MAX } from '../lib/forms.ts';
import { recordValues, savedCellCount, scoreHistoryWhere, scoreSaveChanges } from './score-saves.ts';

const DAY_MS = 86_400_000;
/** Changes a record shows in the list; the rest on its own page (a score save lists up to a grid's 300 cells). */
export const CHANGES_SHOWN = 5;
/** The first instant of a day in Vietnam (UTC+7), where the app's users are. */
const vnDayStart = (day: string) => new Date(`${day}T00:00:00+07:00`);

function plainWhere(f: AuditFilter): Prisma.AuditLogWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (f.from) at.gte = vnDayStart(f.from);
  if (f.to) at.lt = new Date(vnDayStart(f.to).getTime() + DAY_MS);
  return {
    ...(f.user ? { userId: f.user } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.entityType ? { entityType: f.entityType } : {}),
    ...(f.campaign ? { campaignId: f.campaign } : {}),
    ...(f.entityId ? { entityId: f.entityId } : {}),
    ...(f.from || f.to ? { at } : {}),
  };
}

/** The filters as a query; one score's trail also takes in the saves that list it (score-saves.ts). */
export async function auditWhere(prisma: Db, f: AuditFilter): Promise<Prisma.AuditLogWhereInput> {
  const id = f.entityType === 'Score' && f.entityId && /^\d{1,10}$/.test(f.entityId) ? Number(f.entityId) : NaN;
  const score = id >= 1 && id <= INT4_MAX ? await scoreHistoryWhere(prisma, id) : null;
  if (!score) return plainWhere(f);
  return { AND: [plainWhere({ ...f, entityType: undefined, entityId: undefined }), score] };
}

// the columns of a record but its before and after, which recordValues reads apart (a save's may hold 300 cells)
const ROW_SELECT = {
  id: true, at: true, action: true, entityType: true, entityId: true, campaignId: true, unitId: true,
  reason: true, requestId: true,
  user: { select: { id: true, username: true, fullName: true } },
} as const;
/** Records whose before and after are read in one statement when exporting: 50 saves of 300 cells at most. */
const VALUES_CHUNK = 50;

export type AuditRow = {
  id: string; at: Date; action: string; entityType: string; entityId: string; reason: string | null; requestId: string | null;
  user: { id: number; username: string; fullName: string } | null;
  campaign: { id: number; name: string } | null;
  unit: { id: number; name: string } | null;
  /** the changes read (a save's first CHANGES_SHOWN cells in the list), and how many the record holds */
  changes: Change[];
  changeCount: number;
  before: unknown; after: unknown;
};

type Raw = Prisma.AuditLogGetPayload<{ select: typeof ROW_SELECT }>;

/** Attach the records' before and after, campaign and unit names (the trail keeps only their ids) and the readable diff. */
async function present(prisma: Db, rows: Raw[], first: number | null = null): Promise<AuditRow[]> {
  const values = await recordValues(prisma, rows.map((r) => r.id), first);
  const records = rows.map((r) => ({ ...r, before: values.get(r.id)?.before ?? null, after: values.get(r.id)?.after ?? null }));
  const ids = (k: 'campaignId' | 'unitId') => [...new Set(rows.map((r) => r[k]).filter((x): x is number => x !== null))];
  const [campaigns, units, saves] = await Promise.all([
    ids('campaignId').length ? prisma.campaign.findMany({ where: { id: { in: ids('campaignId') } }, select: { id: true, name: true } }) : [],
    ids('unitId').length ? prisma.unit.findMany({ where: { id: { in: ids('unitId') } }, select: { id: true, name: true } }) : [],
    scoreSaveChanges(prisma, records),
  ]);
  const c = new Map(campaigns.map((x) => [x.id, x]));
  const u = new Map(units.map((x) => [x.id, x]));
  return records.map((r, i) => {
    const changes = saves[i].length ? saves[i] : changedKeys(r.before, r.after);
    return {
      id: r.id.toString(), at: r.at, action: r.action, entityType: r.entityType, entityId: r.entityId, reason: r.reason, requestId: r.requestId,
      user: r.user,
      campaign: r.campaignId === null ? null : (c.get(r.campaignId) ?? { id: r.campaignId, name: `#${r.campaignId}` }),
      unit: r.unitId === null ? null : (u.get(r.unitId) ?? { id: r.unitId, name: `#${r.unitId}` }),
      changes,
      changeCount: savedCellCount(r.action, r.after) ?? changes.length,
      before: r.before, after: r.after,
    };
  });
}

/** One page of the filtered trail, newest first; the trail is counted only up to COUNT_AHEAD rows past the page. */
export async function auditPage(prisma: Db, actor: Actor, f: AuditFilter, page: Page) {
  authorize(actor, 'audit.view');
  const where = await auditWhere(prisma, f);
  const [rows, total] = await Promise.all([
    prisma.auditLog.findMany({ where, select: ROW_SELECT, orderBy: { id: 'desc' }, skip: page.skip, take: page.size }),
    prisma.auditLog.count({ where, take: countCap(page) }),
  ]);
  return paged(await present(prisma, rows, CHANGES_SHOWN), total, page, true);
}

/**
 * The distinct values of an indexed column of the trail, by a loose index scan: one index probe per value, not a scan
 * of the whole trail (a GROUP BY over 440,000 rows took most of the viewer's time in the bench).
 */
async function distinctValues(prisma: Db, column: 'action' | 'entityType'): Promise<string[]> {
  const col = Prisma.raw(`"${column}"`);
  const rows = await prisma.$queryRaw<{ v: string | null }[]>`
    WITH RECURSIVE d(v) AS (
      (SELECT ${col} FROM "AuditLog" ORDER BY ${col} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${col} FROM "AuditLog" WHERE ${col} > d.v ORDER BY ${col} LIMIT 1) FROM d WHERE d.v IS NOT NULL
    )
    SELECT v FROM d WHERE v IS NOT NULL`;
  return rows.map((r) => r.v!);
}

/** One record of the trail, whole (the list shows the first changes of a long one), or null. */
export async function auditRecord(prisma: Db, actor: Actor, id: bigint): Promise<AuditRow | null> {
  authorize(actor, 'audit.view');
  const row = await prisma.auditLog.findUnique({ where: { id }, select: ROW_SELECT });
  return row ? (await present(prisma, [row]))[0] : null;
}

/** The choices of the filter form: accounts, campaigns, and the actions and entity types that occur. */
export async function auditFilterOptions(prisma: Db, actor: Actor) {
  authorize(actor, 'audit.view');
  const [users, campaigns, actions, entityTypes] = await Promise.all([
    prisma.user.findMany({ select: { id: true, username: true, fullName: true }, orderBy: { username: 'asc' } }),
    prisma.campaign.findMany({ select: { id: true, name: true }, orderBy: [{ startDate: 'desc' }, { id: 'desc' }] }),
    distinctValues(prisma, 'action'),
    distinctValues(prisma, 'entityType'),
  ]);
  return { users, campaigns, actions, entityTypes };
}

/**
 * The filtered trail in batches, newest first, for the CSV export: a keyset cursor on id, so memory holds
 * one batch whatever the size of the trail.
 */
export async function* auditBatches(prisma: Db, actor: Actor, f: AuditFilter, size = 500): AsyncGenerator<AuditRow[]> {
  authorize(actor, 'audit.view');
  const where = await auditWhere(prisma, f);
  let cursor: bigint | null = null;
  for (;;) {
    const rows: Raw[] = await prisma.auditLog.findMany({
      where: cursor === null ? where : { AND: [where, { id: { lt: cursor } }] },
      select: ROW_SELECT, orderBy: { id: 'desc' }, take: size,
    });
    if (!rows.length) return;
    for (let i = 0; i < rows.length; i += VALUES_CHUNK) yield await present(prisma, rows.slice(i, i + VALUES_CHUNK));
    if (rows.length < size) return;
    cursor = rows[rows.length - 1].id;
  }
}
