import type { Db, Transaction } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import type { PledgeStatus } from '../generated/prisma/enums.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { ConflictError, RuleError } from '../errors.ts';
import { auditJson, recordAudit } from '../audit/service.ts';
import { notify } from '../notifications/service.ts';
import { EDITABLE, PLEDGE_INCLUDE, assertCan, claimVersion, loadPledgeContext, pledgeSnapshot } from './access.ts';

/** Submitting needs at least one target, the signatory's name and the date signed; `missing` names what is not there. */
export class PledgeIncompleteError extends RuleError {
  constructor(public readonly missing: string[]) {
    super('pledges.rules.incomplete');
  }
}

type Step = {
  action: 'submit' | 'approve' | 'return' | 'amend';
  from: readonly PledgeStatus[];
  to: PledgeStatus;
  permission: 'pledge.edit' | 'pledge.review';
  /** write a revision snapshot after the step */
  snapshot: boolean;
};

const STEPS = {
  submit: { action: 'submit', from: EDITABLE, to: 'SUBMITTED', permission: 'pledge.edit', snapshot: true },
  approve: { action: 'approve', from: ['SUBMITTED'], to: 'APPROVED', permission: 'pledge.review', snapshot: true },
  return: { action: 'return', from: ['SUBMITTED'], to: 'RETURNED', permission: 'pledge.review', snapshot: true },
  amend: { action: 'amend', from: ['APPROVED'], to: 'DRAFT', permission: 'pledge.edit', snapshot: false },
} as const satisfies Record<string, Step>;

/** The fields a step changes besides status and version. */
function stepData(step: Step, actor: Actor, reason: string | null): Prisma.PledgeUpdateManyMutationInput {
  const now = new Date();
  switch (step.action) {
    case 'submit':
      return { submittedAt: now };
    case 'approve':
      return { approvedAt: now, approvedById: actor.id, returnReason: null };
    case 'return':
      return { returnReason: reason };
    case 'amend':
      return { revision: { increment: 1 }, submittedAt: null, approvedAt: null, approvedById: null, returnReason: null };
  }
}

/**
 * Move a pledge one step through draft → submitted → approved (or returned → resubmitted), or
 * reopen an approved one as a new revision. The version the user saw must still be current.
 */
async function move(prisma: Db, actor: Actor, campaignId: number, unitId: number, step: Step, version: number, reason: string | null, requestId?: string) {
  const ctx = await loadPledgeContext(prisma, actor, campaignId, unitId);
  assertCan(actor, step.permission, ctx);
  const pledge = ctx.pledge;
  if (!pledge || !step.from.includes(pledge.status)) throw new RuleError(`pledges.rules.cannot.${step.action}`);
  if (step.action === 'submit') {
    const missing = [
      pledge.targets.length === 0 ? 'targets' : '',
      pledge.signatoryName ? '' : 'signatoryName',
      pledge.signedDate ? '' : 'signedDate',
    ].filter(Boolean);
    if (missing.length) throw new PledgeIncompleteError(missing);
  }
  await prisma.$transaction(async (tx: Transaction) => {
    const ok = await claimVersion(tx, pledge.id, version, step.from, { status: step.to, ...stepData(step, actor, reason) });
    if (!ok) throw new ConflictError('pledges.conflict');
    const now = await tx.pledge.findUniqueOrThrow({ where: { id: pledge.id }, include: PLEDGE_INCLUDE });
    if (step.snapshot) {
      await tx.pledgeRevision.create({
        data: { pledgeId: pledge.id, revision: now.revision, status: step.to, snapshot: auditJson(pledgeSnapshot(now)) ?? {}, byId: actor.id, reason },
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: `pledge.${step.action}`,
      entityType: 'Pledge',
      entityId: pledge.id,
      campaignId,
      unitId,
      before: { status: pledge.status, revision: pledge.revision, version: pledge.version },
      after: { status: now.status, revision: now.revision, version: now.version },
      reason,
      requestId,
    });
    if (step.action === 'approve' || step.action === 'return') {
      await notify(tx, {
        toUnit: unitId,
        kind: step.action === 'approve' ? 'notifications.kind.pledgeApproved' : 'notifications.kind.pledgeReturned',
        params: { unit: ctx.unit.name, campaign: ctx.campaign.name, reason: reason ?? '' },
        link: `/campaigns/${campaignId}/pledges/${unitId}`,
      });
    }
  });
}

export const submitPledge = (prisma: Db, actor: Actor, campaignId: number, unitId: number, version: number, requestId?: string) =>
  move(prisma, actor, campaignId, unitId, STEPS.submit, version, null, requestId);
export const approvePledge = (prisma: Db, actor: Actor, campaignId: number, unitId: number, version: number, requestId?: string) =>
  move(prisma, actor, campaignId, unitId, STEPS.approve, version, null, requestId);
export const returnPledge = (prisma: Db, actor: Actor, campaignId: number, unitId: number, version: number, reason: string, requestId?: string) =>
  move(prisma, actor, campaignId, unitId, STEPS.return, version, reason, requestId);
/** Reopen an approved pledge as revision n+1 (DRAFT); the approved snapshot stays in PledgeRevision. */
export const amendPledge = (prisma: Db, actor: Actor, campaignId: number, unitId: number, version: number, requestId?: string) =>
  move(prisma, actor, campaignId, unitId, STEPS.amend, version, null, requestId);

/** The pledge's revision history, oldest first, with who made each step. */
export async function pledgeHistory(prisma: Db, pledgeId: number) {
  const revs = await prisma.pledgeRevision.findMany({ where: { pledgeId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const ids = [...new Set(revs.map((r) => r.byId).filter((x): x is number => x !== null))];
  const users = new Map((await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } })).map((u) => [u.id, u.fullName]));
  return revs.map((r) => ({ ...r, byName: r.byId ? (users.get(r.byId) ?? '') : '', snapshot: r.snapshot as ReturnType<typeof pledgeSnapshot> }));
}
