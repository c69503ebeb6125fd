import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import type { PledgeStatus } from '../generated/prisma/enums.ts';
import { ConflictError, RuleError, ValidationError, type FieldErrors } from '../errors.ts';
import { fieldErrors } from '../lib/forms.ts';
import { recordAudit } from '../audit/service.ts';
import { assertCan, claimVersion, loadPledgeContext, type PledgeContext } from './access.ts';
import { isMeasurable, isMet, toNumber } from './measure.ts';
import { ProgressCell } from './schema.ts';

/** Form field names of one cell; ids never come from the form, they are read for our own cells only. */
export const cellName = (targetId: number, periodId: number) => ({ value: `v_${targetId}_${periodId}`, note: `n_${targetId}_${periodId}` });

const MAX_VALUE = 999_999_999_999;

/** The targets × periods grid for one pledge: what was reported, and whether each target is met. */
export async function progressGrid(prisma: Db, ctx: PledgeContext) {
  const periods = await prisma.period.findMany({ where: { campaignId: ctx.campaign.id }, orderBy: { seq: 'asc' } });
  const targets = (ctx.pledge?.targets ?? []).filter(isMeasurable);
  const entries = await prisma.targetProgress.findMany({ where: { targetId: { in: targets.map((t) => t.id) } } });
  const byCell = new Map(entries.map((e) => [`${e.targetId}:${e.periodId}`, e]));
  const rows = targets.map((t) => {
    const cells = periods.map((p) => {
      const e = byCell.get(`${t.id}:${p.id}`);
      const value = e ? toNumber(e.valueReached) : null;
      return { period: p, open: p.status === 'OPEN', value, note: e?.note ?? null, met: isMet(t.comparator, t.targetValue, value), names: cellName(t.id, p.id) };
    });
    const latest = [...cells].reverse().find((c) => c.value !== null) ?? null;
    return { target: t, cells, latest };
  });
  return { periods, rows, unmeasured: (ctx.pledge?.targets.length ?? 0) - targets.length };
}

type Change = { targetId: number; periodId: number; before: { value: string; note: string | null } | null; after: { value: number; note: string | null } | null };

/**
 * Save the unit's reported values for its approved pledge, in the periods still open. An emptied
 * cell removes its report. The pledge's version guards against a stale form (409).
 */
export async function saveProgress(prisma: Db, actor: Actor, campaignId: number, unitId: number, version: number, body: Record<string, unknown>, requestId?: string) {
  const ctx = await loadPledgeContext(prisma, actor, campaignId, unitId);
  assertCan(actor, 'progress.report', ctx);
  const pledge = ctx.pledge;
  if (!pledge || pledge.status !== 'APPROVED') throw new RuleError('pledges.rules.progressNeedsApproval');
  const grid = await progressGrid(prisma, ctx);

  const errors: FieldErrors = {};
  const changes: Change[] = [];
  for (const row of grid.rows) {
    for (const c of row.cells.filter((x) => x.open)) {
      const r = ProgressCell.safeParse({ value: body[c.names.value] ?? '', note: body[c.names.note] ?? '' });
      if (!r.success) {
        const e = fieldErrors(r.error);
        if (e.value) errors[c.names.value] = e.value;
        if (e.note) errors[c.names.note] = e.note;
        continue;
      }
      const { value, note } = r.data;
      if (value === undefined && note !== null) errors[c.names.value] = { key: 'pledges.progress.noteNeedsValue' };
      else if (value !== undefined && Math.abs(value) > MAX_VALUE) errors[c.names.value] = { key: 'validation.max', params: { max: MAX_VALUE } };
      const before = c.value === null ? null : { value: String(c.value), note: c.note };
      const after = value === undefined ? null : { value: Math.round(value * 100) / 100, note };
      const same = before === null ? after === null : after !== null && Number(before.value) === after.value && before.note === after.note;
      if (!same) changes.push({ targetId: row.target.id, periodId: c.period.id, before, after });
    }
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);

  await prisma.$transaction(async (tx) => {
    if (!(await claimVersion(tx, pledge.id, version, ['APPROVED']))) throw new ConflictError('pledges.conflict');
    // periods may have closed since the form was read: only write into those still open
    const open = new Set((await tx.period.findMany({ where: { campaignId, status: 'OPEN' }, select: { id: true } })).map((p) => p.id));
    const applied = changes.filter((c) => open.has(c.periodId));
    for (const c of applied) {
      const where = { targetId_periodId: { targetId: c.targetId, periodId: c.periodId } };
      if (c.after === null) await tx.targetProgress.deleteMany({ where: { targetId: c.targetId, periodId: c.periodId } });
      else
        await tx.targetProgress.upsert({
          where,
          create: { targetId: c.targetId, periodId: c.periodId, valueReached: c.after.value, note: c.after.note, reportedById: actor.id },
          update: { valueReached: c.after.value, note: c.after.note, reportedById: actor.id },
        });
    }
    if (applied.length) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'pledge.progress.report',
        entityType: 'Pledge',
        entityId: pledge.id,
        campaignId,
        unitId,
        before: applied.map((c) => ({ targetId: c.targetId, periodId: c.periodId, ...c.before })),
        after: applied.map((c) => ({ targetId: c.targetId, periodId: c.periodId, ...c.after })),
        requestId,
      });
    }
  });
  return changes.length;
}

export type TargetProgressSummary = {
  targetId: number;
  content: string;
  indicator: string | null;
  unitOfMeasure: string | null;
  comparator: string;
  targetValue: number;
  periods: { periodId: number; seq: number; value: number; note: string | null; met: boolean }[];
  /** the most recent period with a report, or null when nothing was reported yet */
  latest: { periodId: number; seq: number; value: number; met: boolean } | null;
};
export type UnitProgressSummary = {
  unitId: number;
  pledgeId: number;
  status: PledgeStatus;
  revision: number;
  targets: TargetProgressSummary[];
  /** measurable targets; met/reported count by each target's latest report */
  measurable: number;
  reported: number;
  met: number;
};

/**
 * Progress of the measurable targets of each unit's pledge in a campaign (for dashboards). One
 * entry per unit that has a pledge, in any status; `unitIds` narrows it (the caller scopes it to
 * what its actor may see). Only approved pledges collect reports, so others show none.
 */
export async function pledgeProgressSummary(prisma: Db, campaignId: number, unitIds?: number[]): Promise<UnitProgressSummary[]> {
  const pledges = await prisma.pledge.findMany({
    where: { campaignId, ...(unitIds ? { unitId: { in: unitIds } } : {}) },
    orderBy: { unitId: 'asc' },
    include: {
      targets: { orderBy: { order: 'asc' }, include: { progress: { include: { period: { select: { seq: true } } } } } },
    },
  });
  return pledges.map((p) => {
    const targets: TargetProgressSummary[] = p.targets.filter(isMeasurable).map((t) => {
      const target = toNumber(t.targetValue) ?? 0;
      const periods = t.progress
        .map((e) => {
          const value = toNumber(e.valueReached) ?? 0;
          return { periodId: e.periodId, seq: e.period.seq, value, note: e.note, met: isMet(t.comparator, t.targetValue, value) === true };
        })
        .sort((a, b) => a.seq - b.seq);
      const last = periods.at(-1);
      return {
        targetId: t.id,
        content: t.content,
        indicator: t.indicator,
        unitOfMeasure: t.unitOfMeasure,
        comparator: t.comparator ?? '',
        targetValue: target,
        periods,
        latest: last ? { periodId: last.periodId, seq: last.seq, value: last.value, met: last.met } : null,
      };
    });
    return {
      unitId: p.unitId,
      pledgeId: p.id,
      status: p.status,
      revision: p.revision,
      targets,
      measurable: targets.length,
      reported: targets.filter((t) => t.latest).length,
      met: targets.filter((t) => t.latest?.met).length,
    };
  });
}
