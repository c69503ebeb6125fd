// Step 3: scoring periods, generated from the campaign's dates, then edited row by row.
import type { Db } from '../db/index.ts';
import type { Campaign, Period } from '../generated/prisma/client.ts';
import type { Actor } from '../auth/policy.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { checkPeriods, generatePeriods, isoDay, type PeriodLabel, type PeriodPlan } from '../lib/periods.ts';
import { isBlankNew, isRemoved, parseRows, type RawRow } from './rows.ts';
import { PeriodRow } from './schema.ts';
import { assertEditable, claimVersion, getManagedCampaign } from './setup.ts';

const FIELDS = ['name', 'startDate', 'endDate'];

function rowOf(p: Period): RawRow {
  return { id: String(p.id), name: p.name, startDate: isoDay(p.startDate), endDate: isoDay(p.endDate) };
}

function periodJson(p: Pick<Period, 'seq' | 'name' | 'startDate' | 'endDate'>) {
  return { seq: p.seq, name: p.name, startDate: isoDay(p.startDate), endDate: isoDay(p.endDate) };
}

/**
 * Periods that already carry work (scores, self-assessments, inspections, target progress) cannot be removed. The
 * first score or assessment of each period in index order: one index probe each (Prisma's `some` filter, and a plain
 * EXISTS, both scanned the whole Score table: 1.8 million rows, 1–1.4 s, in the national data set).
 */
async function usedPeriodIds(prisma: Pick<Db, '$queryRaw'>, campaignId: number): Promise<Set<number>> {
  const used = await prisma.$queryRaw<{ id: number }[]>`
    SELECT p.id FROM "Period" p WHERE p."campaignId" = ${campaignId} AND (
      (SELECT s."periodId" FROM "Score" s WHERE s."periodId" = p.id ORDER BY s."periodId", s."unitId", s."criterionId" LIMIT 1) IS NOT NULL
      OR (SELECT a."periodId" FROM "Assessment" a WHERE a."periodId" = p.id ORDER BY a."periodId", a."unitId" LIMIT 1) IS NOT NULL
      OR EXISTS (SELECT 1 FROM "Inspection" i WHERE i."periodId" = p.id)
      OR EXISTS (SELECT 1 FROM "TargetProgress" t WHERE t."periodId" = p.id))`;
  return new Set(used.map((p) => p.id));
}

/** The periods page: the saved rows, and which of them are in use. */
export async function periodsPage(prisma: Db, actor: Actor, id: number) {
  const campaign = await getManagedCampaign(prisma, actor, id);
  const periods = await prisma.period.findMany({ where: { campaignId: id }, orderBy: { seq: 'asc' } });
  return { campaign, rows: periods.map(rowOf), used: await usedPeriodIds(prisma, id) };
}

/**
 * Rows for a generated plan, not saved yet: they take over the saved periods' ids in order (so scored periods
 * keep their identity), and saved periods left over come back ticked for removal, for the admin to see.
 */
export async function generatedRows(prisma: Db, campaign: Campaign, plan: PeriodPlan, name: (l: PeriodLabel) => string): Promise<RawRow[]> {
  const saved = await prisma.period.findMany({ where: { campaignId: campaign.id }, orderBy: { seq: 'asc' } });
  const fresh = generatePeriods(campaign.startDate, campaign.endDate, plan);
  const rows: RawRow[] = fresh.map((g, i) => ({ id: saved[i] ? String(saved[i].id) : '', name: name(g.label), startDate: isoDay(g.startDate), endDate: isoDay(g.endDate) }));
  for (const p of saved.slice(fresh.length)) rows.push({ ...rowOf(p), remove: 'on' });
  return rows;
}

/** How many days the campaign has: the most equal parts the generator can make. */
export function campaignDays(c: Pick<Campaign, 'startDate' | 'endDate'>): number {
  return Math.round((c.endDate.getTime() - c.startDate.getTime()) / 86_400_000) + 1;
}

/**
 * Save the periods table: rows in form order become seq 1..n; they must lie inside the campaign, in order,
 * without overlapping. Ticked rows are removed unless they already carry work. Nothing is written on error.
 */
export async function savePeriods(prisma: Db, actor: Actor, id: number, version: number, rows: RawRow[], requestId?: string) {
  const skip = (r: RawRow) => isRemoved(r) || isBlankNew(r, FIELDS);
  const parsed = parseRows(PeriodRow, rows, 'p', skip);
  const errors: FieldErrors = { ...parsed.errors };
  return prisma.$transaction(async (tx) => {
    const campaign = await getManagedCampaign(tx, actor, id);
    assertEditable(campaign);
    await claimVersion(tx, id, version);
    const saved = await tx.period.findMany({ where: { campaignId: id }, orderBy: { seq: 'asc' } });
    const byId = new Map(saved.map((p) => [p.id, p]));
    const used = await usedPeriodIds(tx, id);
    const removeIds = new Set<number>();
    rows.forEach((r, i) => {
      if (!isRemoved(r) || !r.id) return;
      const pid = Number(r.id);
      if (!byId.has(pid)) throw new ConflictError('campaigns.errors.conflict');
      if (used.has(pid)) errors[`p.${i}.remove`] = { key: 'campaigns.periodsPage.errors.inUse' };
      removeIds.add(pid);
    });
    const kept = parsed.data.flatMap((d, i) => (d ? [{ d, i }] : []));
    for (const { d } of kept) if (d.id !== null && (!byId.has(d.id) || removeIds.has(d.id))) throw new ConflictError('campaigns.errors.conflict');
    if (Object.keys(parsed.errors).length === 0) {
      for (const issue of checkPeriods(kept.map((k) => k.d), campaign)) {
        const other = issue.other !== undefined ? kept[issue.other].d.name : '';
        errors[`p.${kept[issue.index].i}.${issue.field}`] = { key: `campaigns.periodsPage.errors.${issue.code}`, params: { other } };
      }
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);

    const audit = (action: string, entityId: number, before?: object, after?: object) =>
      recordAudit(tx, { actorId: actor.id, action, entityType: 'Period', entityId, campaignId: id, before, after, requestId });
    // free the sequence numbers first: (campaignId, seq) is unique and rows may have moved
    for (const p of saved) await tx.period.update({ where: { id: p.id }, data: { seq: -p.id } });
    for (const pid of removeIds) {
      await tx.period.delete({ where: { id: pid } });
      await audit('period.delete', pid, periodJson(byId.get(pid)!));
    }
    let created = 0;
    let updated = 0;
    for (const [n, { d }] of kept.entries()) {
      const data = { seq: n + 1, name: d.name, startDate: d.startDate, endDate: d.endDate };
      if (d.id === null) {
        const p = await tx.period.create({ data: { campaignId: id, ...data } });
        await audit('period.create', p.id, undefined, periodJson(p));
        created++;
      } else {
        const before = byId.get(d.id)!;
        const p = await tx.period.update({ where: { id: d.id }, data });
        if (JSON.stringify(periodJson(before)) !== JSON.stringify(periodJson(p))) {
          await audit('period.update', p.id, periodJson(before), periodJson(p));
          updated++;
        }
      }
    }
    return { total: kept.length, created, updated, removed: removeIds.size };
  });
}
