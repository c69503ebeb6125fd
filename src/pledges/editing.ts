import type { Db, Transaction } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { ConflictError, RuleError, ValidationError } from '../errors.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { recordAudit } from '../audit/service.ts';
import { EDITABLE, PLEDGE_INCLUDE, assertCan, claimVersion, loadPledgeContext, pledgeSnapshot, type FullPledge } from './access.ts';
import { MAX_ROWS, rowsOf, type PledgeInput } from './schema.ts';

/** The campaign's collective titles: the ones a unit may register for in its pledge. */
export function collectiveTitles(prisma: Db, campaignId: number) {
  return prisma.campaignTitle.findMany({ where: { campaignId, scope: 'COLLECTIVE' }, orderBy: { order: 'asc' }, select: { id: true, code: true, name: true } });
}

export type TargetValues = { id: string; content: string; indicator: string; unitOfMeasure: string; comparator: string; targetValue: string; remove?: boolean };
export type MeasureValues = { id: string; content: string; remove?: boolean };
export type PledgeValues = {
  version: string;
  targets: TargetValues[];
  measures: MeasureValues[];
  titleIds: string[];
  signatoryName: string;
  signatoryRank: string;
  signatoryPosition: string;
  signedDate: string;
};

const s = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const row = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The form's values from the stored pledge (or an empty one). */
export function valuesFromPledge(p: FullPledge | null): PledgeValues {
  return {
    version: String(p?.version ?? 0),
    targets: (p?.targets ?? []).map((t) => ({
      id: String(t.id),
      content: t.content,
      indicator: t.indicator ?? '',
      unitOfMeasure: t.unitOfMeasure ?? '',
      comparator: t.comparator ?? '',
      targetValue: t.targetValue === null ? '' : t.targetValue.toString(),
    })),
    measures: (p?.measures ?? []).map((m) => ({ id: String(m.id), content: m.content })),
    titleIds: (p?.titles ?? []).map((t) => String(t.titleId)),
    signatoryName: p?.signatoryName ?? '',
    signatoryRank: p?.signatoryRank ?? '',
    signatoryPosition: p?.signatoryPosition ?? '',
    signedDate: p?.signedDate ? p.signedDate.toISOString().slice(0, 10) : '',
  };
}

/** The form's values exactly as typed, for re-rendering after an error or an "add row". */
export function valuesFromBody(body: unknown): PledgeValues {
  const b = row(body);
  const ids = b.titleIds === undefined ? [] : Array.isArray(b.titleIds) ? b.titleIds : [b.titleIds];
  return {
    version: s(b.version),
    targets: rowsOf(b.targets).slice(0, MAX_ROWS).map((x) => {
      const r = row(x);
      return { id: s(r.id), content: s(r.content), indicator: s(r.indicator), unitOfMeasure: s(r.unitOfMeasure), comparator: s(r.comparator), targetValue: s(r.targetValue), remove: r.remove === 'on' };
    }),
    measures: rowsOf(b.measures).slice(0, MAX_ROWS).map((x) => {
      const r = row(x);
      return { id: s(r.id), content: s(r.content), remove: r.remove === 'on' };
    }),
    titleIds: ids.map(s),
    signatoryName: s(b.signatoryName),
    signatoryRank: s(b.signatoryRank),
    signatoryPosition: s(b.signatoryPosition),
    signedDate: s(b.signedDate),
  };
}

/** Pad the rows with blanks so the form always offers room to type, without JavaScript. */
export function withBlankRows(v: PledgeValues, extraTargets: number, extraMeasures: number): PledgeValues {
  const blankT = (): TargetValues => ({ id: '', content: '', indicator: '', unitOfMeasure: '', comparator: '', targetValue: '' });
  const blankM = (): MeasureValues => ({ id: '', content: '' });
  const nT = Math.min(MAX_ROWS, v.targets.length + extraTargets) - v.targets.length;
  const nM = Math.min(MAX_ROWS, v.measures.length + extraMeasures) - v.measures.length;
  return { ...v, targets: [...v.targets, ...Array.from({ length: Math.max(0, nT) }, blankT)], measures: [...v.measures, ...Array.from({ length: Math.max(0, nM) }, blankM)] };
}

/**
 * Save a draft or returned pledge: creates it as DRAFT on the first save. Rows keep their ids,
 * so progress reported on a kept target survives an amendment. 409 when the version is stale.
 */
export async function savePledge(prisma: Db, actor: Actor, campaignId: number, unitId: number, input: PledgeInput, requestId?: string) {
  const ctx = await loadPledgeContext(prisma, actor, campaignId, unitId);
  assertCan(actor, 'pledge.edit', ctx);
  if (ctx.pledge && !EDITABLE.includes(ctx.pledge.status)) throw new RuleError('pledges.rules.readOnly');
  const allowed = new Set((await collectiveTitles(prisma, campaignId)).map((t) => t.id));
  if (input.titleIds.some((id) => !allowed.has(id))) throw new ValidationError({ titleIds: { key: 'validation.choice' } });

  try {
    return await prisma.$transaction(async (tx) => {
      let pledgeId: number;
      let before: (ReturnType<typeof pledgeSnapshot> & { removedProgress?: unknown }) | null = null;
      if (!ctx.pledge) {
        if (input.version !== 0) throw new ConflictError('pledges.conflict');
        pledgeId = (await tx.pledge.create({ data: { campaignId, unitId } })).id;
      } else {
        pledgeId = ctx.pledge.id;
        if (!(await claimVersion(tx, pledgeId, input.version, EDITABLE))) throw new ConflictError('pledges.conflict');
        before = pledgeSnapshot(await tx.pledge.findUniqueOrThrow({ where: { id: pledgeId }, include: PLEDGE_INCLUDE }));
      }
      await tx.pledge.update({
        where: { id: pledgeId },
        data: { signatoryName: input.signatoryName, signatoryRank: input.signatoryRank, signatoryPosition: input.signatoryPosition, signedDate: input.signedDate },
      });
      const removedTargets = await syncTargets(tx, pledgeId, input);
      await syncMeasures(tx, pledgeId, input);
      await tx.pledgeTitle.deleteMany({ where: { pledgeId } });
      if (input.titleIds.length) await tx.pledgeTitle.createMany({ data: input.titleIds.map((titleId) => ({ pledgeId, titleId })) });

      if (before && removedTargets.length) {
        before.removedProgress = await tx.targetProgress.findMany({ where: { targetId: { in: removedTargets } } });
      }
      if (removedTargets.length) await tx.pledgeTarget.deleteMany({ where: { pledgeId, id: { in: removedTargets } } });
      const after = pledgeSnapshot(await tx.pledge.findUniqueOrThrow({ where: { id: pledgeId }, include: PLEDGE_INCLUDE }));
      await recordAudit(tx, {
        actorId: actor.id,
        action: ctx.pledge ? 'pledge.update' : 'pledge.create',
        entityType: 'Pledge',
        entityId: pledgeId,
        campaignId,
        unitId,
        before,
        after,
        requestId,
      });
      return pledgeId;
    });
  } catch (e) {
    // two first saves at once: the second one finds the pledge already created
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') throw new ConflictError('pledges.conflict');
    throw e;
  }
}

/** Update kept targets in place, create new ones; returns the ids of targets to remove. */
async function syncTargets(tx: Transaction, pledgeId: number, input: PledgeInput): Promise<number[]> {
  const existing = new Set((await tx.pledgeTarget.findMany({ where: { pledgeId }, select: { id: true } })).map((t) => t.id));
  const kept = new Set<number>();
  for (const [i, t] of input.targets.entries()) {
    const data = { order: i + 1, content: t.content, indicator: t.indicator, unitOfMeasure: t.unitOfMeasure, comparator: t.comparator, targetValue: t.targetValue };
    if (t.id !== null && existing.has(t.id) && !kept.has(t.id)) {
      kept.add(t.id);
      await tx.pledgeTarget.update({ where: { id: t.id }, data });
    } else {
      await tx.pledgeTarget.create({ data: { pledgeId, ...data } });
    }
  }
  return [...existing].filter((id) => !kept.has(id));
}

async function syncMeasures(tx: Transaction, pledgeId: number, input: PledgeInput): Promise<void> {
  const existing = new Set((await tx.pledgeMeasure.findMany({ where: { pledgeId }, select: { id: true } })).map((m) => m.id));
  const kept = new Set<number>();
  for (const [i, m] of input.measures.entries()) {
    if (m.id !== null && existing.has(m.id) && !kept.has(m.id)) {
      kept.add(m.id);
      await tx.pledgeMeasure.update({ where: { id: m.id }, data: { order: i + 1, content: m.content } });
    } else {
      await tx.pledgeMeasure.create({ data: { pledgeId, order: i + 1, content: m.content } });
    }
  }
  const removed = [...existing].filter((id) => !kept.has(id));
  if (removed.length) await tx.pledgeMeasure.deleteMany({ where: { pledgeId, id: { in: removed } } });
}
