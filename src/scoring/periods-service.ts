// Period locks and scoring completeness. A period closes only when every participating unit is
// verified; a closed period's scores are read-only until a commander reopens it with a reason.
import type { Db } from '../db/index.ts';
import { authorize, can, type Actor } from '../auth/policy.ts';
import { ConflictError, ForbiddenError, RuleError } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { getVisibleCampaign } from '../campaigns/service.ts';
import { loadPeriodContext, participatingUnits, type UnitInfo } from './context.ts';
import { selfLock } from './self-service.ts';
import type { Assessment, Period } from '../generated/prisma/client.ts';
import { periodUnits, type CompletenessRow, type PeriodUnitState } from '../dashboards/completeness.ts';
import { cachedCompleteness } from '../dashboards/completeness-kept.ts';

export type UnitProgress = UnitInfo & { status: 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'VERIFIED' | null; scored: number; selfScored: number };

export type PeriodCompleteness = {
  periodId: number;
  seq: number;
  name: string;
  status: 'OPEN' | 'CLOSED';
  total: number;
  /** units with no official points and no self-assessment yet */
  notScored: UnitProgress[];
  /** draft: some points entered (by the unit or an officer), not yet submitted or complete */
  draft: UnitProgress[];
  submitted: UnitProgress[];
  returned: UnitProgress[];
  verified: UnitProgress[];
};

/**
 * Per period: which participating units are not scored, drafted, submitted, returned or verified.
 * Four queries whatever the number of units or periods (for the dashboards).
 */
export async function periodCompleteness(prisma: Db, campaignId: number): Promise<PeriodCompleteness[]> {
  const [periods, units, assessments, counts] = await Promise.all([
    prisma.period.findMany({ where: { campaignId }, orderBy: { seq: 'asc' } }),
    participatingUnits(prisma, campaignId),
    prisma.assessment.findMany({ where: { period: { campaignId } }, select: { periodId: true, unitId: true, status: true } }),
    prisma.$queryRaw<{ periodId: number; unitId: number; scored: bigint; selfScored: bigint }[]>`
      SELECT "periodId", "unitId", COUNT("points") AS scored, COUNT("selfPoints") AS "selfScored"
      FROM "Score" WHERE "campaignId" = ${campaignId} GROUP BY "periodId", "unitId"`,
  ]);
  const status = new Map(assessments.map((a) => [`${a.periodId}:${a.unitId}`, a.status]));
  const count = new Map(counts.map((c) => [`${c.periodId}:${c.unitId}`, { scored: Number(c.scored), selfScored: Number(c.selfScored) }]));
  return periods.map((p) => {
    const out: PeriodCompleteness = { periodId: p.id, seq: p.seq, name: p.name, status: p.status, total: units.length, notScored: [], draft: [], submitted: [], returned: [], verified: [] };
    for (const u of units) {
      const k = `${p.id}:${u.id}`;
      const c = count.get(k) ?? { scored: 0, selfScored: 0 };
      const row: UnitProgress = { ...u, status: status.get(k) ?? null, ...c };
      if (row.status === 'VERIFIED') out.verified.push(row);
      else if (row.status === 'SUBMITTED') out.submitted.push(row);
      else if (row.status === 'RETURNED') out.returned.push(row);
      else if (row.status === 'DRAFT' || c.scored > 0 || c.selfScored > 0) out.draft.push(row);
      else out.notScored.push(row);
    }
    return out;
  });
}

/** The scoring start page: periods with their completeness (staff) or the unit's own status per period. */
export async function scoringOverview(prisma: Db, actor: Actor, campaignId: number) {
  if (!can(actor, 'score.enter') && !can(actor, 'self.assess') && !can(actor, 'period.close')) throw new ForbiddenError();
  const campaign = await getVisibleCampaign(prisma, actor, campaignId);
  if (actor.role === 'UNIT') {
    const [periods, own] = await Promise.all([
      prisma.period.findMany({ where: { campaignId }, orderBy: { seq: 'asc' } }),
      prisma.assessment.findMany({ where: { unitId: actor.unitId ?? -1, period: { campaignId } } }),
    ]);
    const byPeriod = new Map(own.map((a) => [a.periodId, a]));
    // what the unit is offered per period: to self-assess while it may, else to look at what it sent, else nothing
    const offer = (period: Period, a: Assessment | null): 'edit' | 'view' | null => (selfLock({ campaign, period }, a?.status ?? null) === null ? 'edit' : a ? 'view' : null);
    const rows = periods.map((p) => ({ ...p, own: byPeriod.get(p.id) ?? null, self: offer(p, byPeriod.get(p.id) ?? null) }));
    return { campaign, periods: rows, completeness: [] as CompletenessRow[] };
  }
  // counted in SQL (src/dashboards/completeness.ts): a national campaign's 60,000 unit-periods never reach Node
  const periods = await prisma.period.findMany({ where: { campaignId }, orderBy: { seq: 'asc' } });
  const completeness = await cachedCompleteness(prisma, campaignId, periods, {}, 0);
  return { campaign, periods: periods.map((p) => ({ ...p, own: null, self: null })), completeness };
}

/** One period's counts per state and one page of its units (?state= filters them), in SQL: bounded by the page. */
export async function periodStatus(prisma: Db, actor: Actor, campaignId: number, periodId: number, opts: { state?: PeriodUnitState; page: { skip: number; size: number } }) {
  if (!can(actor, 'score.enter') && !can(actor, 'period.close')) throw new ForbiddenError();
  const ctx = await loadPeriodContext(prisma, actor, campaignId, periodId);
  const [[completeness], page, closedBy] = await Promise.all([
    cachedCompleteness(prisma, campaignId, [ctx.period], {}, 0),
    periodUnits(prisma, campaignId, periodId, opts.state, opts.page),
    ctx.period.closedById ? prisma.user.findUnique({ where: { id: ctx.period.closedById }, select: { fullName: true } }) : null,
  ]);
  return { ...ctx, page, completeness, closedByName: closedBy?.fullName ?? null };
}

/** Refused close: the units that are not verified yet. */
export class PeriodBlockedError extends RuleError {
  constructor(public readonly blockers: UnitProgress[]) {
    super('scoring.period.blocked', { n: blockers.length });
  }
}

/**
 * Close a period. The period row is locked first, so no score save can slip in between the check
 * and the close; then every participating unit must be VERIFIED, or nothing changes.
 */
export async function closePeriod(prisma: Db, actor: Actor, campaignId: number, periodId: number, requestId?: string): Promise<void> {
  authorize(actor, 'period.close');
  await loadPeriodContext(prisma, actor, campaignId, periodId);
  await prisma.$transaction(async (tx) => {
    const now = new Date();
    const r = await tx.period.updateMany({ where: { id: periodId, campaignId, status: 'OPEN' }, data: { status: 'CLOSED', closedAt: now, closedById: actor.id } });
    if (r.count === 0) throw new ConflictError('scoring.period.alreadyClosed');
    const [units, verified] = await Promise.all([
      participatingUnits(tx, campaignId),
      tx.assessment.findMany({ where: { periodId, status: 'VERIFIED' }, select: { unitId: true } }),
    ]);
    const ok = new Set(verified.map((a) => a.unitId));
    const missing = units.filter((u) => !ok.has(u.id));
    if (missing.length) {
      const statuses = await tx.assessment.findMany({ where: { periodId, unitId: { in: missing.map((u) => u.id) } }, select: { unitId: true, status: true } });
      const st = new Map(statuses.map((s) => [s.unitId, s.status]));
      throw new PeriodBlockedError(missing.map((u) => ({ ...u, status: st.get(u.id) ?? null, scored: 0, selfScored: 0 })));
    }
    await recordAudit(tx, { actorId: actor.id, action: 'period.close', entityType: 'Period', entityId: periodId, campaignId, before: { status: 'OPEN' }, after: { status: 'CLOSED' }, requestId });
  });
}

/** Reopen a closed period: commanders only, with a reason, recorded in the audit trail. */
export async function reopenPeriod(prisma: Db, actor: Actor, campaignId: number, periodId: number, reason: string, requestId?: string): Promise<void> {
  authorize(actor, 'period.reopen');
  const ctx = await loadPeriodContext(prisma, actor, campaignId, periodId);
  await prisma.$transaction(async (tx) => {
    const r = await tx.period.updateMany({ where: { id: periodId, campaignId, status: 'CLOSED' }, data: { status: 'OPEN', closedAt: null, closedById: null } });
    if (r.count === 0) throw new ConflictError('scoring.period.notClosed');
    await recordAudit(tx, {
      actorId: actor.id, action: 'period.reopen', entityType: 'Period', entityId: periodId, campaignId,
      before: { status: 'CLOSED', closedAt: ctx.period.closedAt, closedById: ctx.period.closedById }, after: { status: 'OPEN' }, reason, requestId,
    });
  });
}
