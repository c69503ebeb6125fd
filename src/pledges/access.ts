import type { Db, Transaction } from '../db/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { PledgeStatus } from '../generated/prisma/enums.ts';
import { can, type Action, type Actor } from '../auth/policy.ts';
import { ForbiddenError, NotFoundError, RuleError } from '../errors.ts';
import { getVisibleCampaign } from '../campaigns/service.ts';

/** Statuses in which the pledge's content can still change. */
export const EDITABLE: readonly PledgeStatus[] = ['DRAFT', 'RETURNED'];

export const PLEDGE_INCLUDE = {
  targets: { orderBy: { order: 'asc' } },
  measures: { orderBy: { order: 'asc' } },
  titles: { include: { title: { select: { id: true, code: true, name: true } } } },
  registrations: {
    orderBy: { id: 'asc' },
    include: { person: { select: { id: true, fullName: true, rank: true, position: true } }, title: { select: { id: true, code: true, name: true } } },
  },
} as const satisfies Prisma.PledgeInclude;

export type FullPledge = Prisma.PledgeGetPayload<{ include: typeof PLEDGE_INCLUDE }>;

/**
 * The campaign, the unit and its pledge (or null when none has been drafted), after checking that
 * the actor may see this unit (a unit account: only its own, whatever the URL says) and that the
 * unit takes part in the campaign.
 */
export async function loadPledgeContext(prisma: Db, actor: Actor, campaignId: number, unitId: number) {
  const campaign = await getVisibleCampaign(prisma, actor, campaignId);
  if (!can(actor, 'unit.view', { unitId })) throw new ForbiddenError();
  const member = await prisma.campaignUnit.findUnique({
    where: { campaignId_unitId: { campaignId, unitId } },
    include: { unit: { include: { parent: { select: { name: true, shortName: true } } } } },
  });
  if (!member) throw new NotFoundError();
  const pledge = await prisma.pledge.findUnique({ where: { campaignId_unitId: { campaignId, unitId } }, include: PLEDGE_INCLUDE });
  return { campaign, unit: member.unit, pledge };
}
export type PledgeContext = Awaited<ReturnType<typeof loadPledgeContext>>;

/** Refuse unless the actor may take `action` on this unit (403), and the campaign still takes changes (422). */
export function assertCan(actor: Actor, action: Action, ctx: { campaign: { status: string }; unit: { id: number } }): void {
  if (!can(actor, action, { unitId: ctx.unit.id })) throw new ForbiddenError();
  if (ctx.campaign.status !== 'DRAFT' && ctx.campaign.status !== 'ACTIVE') throw new RuleError('pledges.rules.campaignClosed');
}

/** What the actor may do with this pledge now; pages show only the buttons that would work. */
export function pledgeAbilities(actor: Actor, ctx: { campaign: { status: string }; unit: { id: number }; pledge: { status: PledgeStatus } | null }) {
  const open = ctx.campaign.status === 'DRAFT' || ctx.campaign.status === 'ACTIVE';
  const status = ctx.pledge?.status ?? null;
  const editor = open && can(actor, 'pledge.edit', { unitId: ctx.unit.id });
  const reviewer = open && can(actor, 'pledge.review', { unitId: ctx.unit.id });
  return {
    edit: editor && (status === null || EDITABLE.includes(status)),
    submit: editor && status !== null && EDITABLE.includes(status),
    review: reviewer && status === 'SUBMITTED',
    amend: editor && status === 'APPROVED',
    register: open && can(actor, 'registration.manage', { unitId: ctx.unit.id }) && (status === null || EDITABLE.includes(status)),
    report: open && can(actor, 'progress.report', { unitId: ctx.unit.id }) && status === 'APPROVED',
  };
}
export type PledgeAbilities = ReturnType<typeof pledgeAbilities>;

/**
 * Bump the pledge's version if it is still the one the user saw (and, optionally, in one of the
 * given statuses); otherwise someone else changed it first: 409, nothing written.
 */
export async function claimVersion(tx: Transaction, pledgeId: number, version: number, statuses?: readonly PledgeStatus[], data: Prisma.PledgeUpdateManyMutationInput = {}) {
  const { count } = await tx.pledge.updateMany({
    where: { id: pledgeId, version, ...(statuses ? { status: { in: [...statuses] } } : {}) },
    data: { ...data, version: { increment: 1 } },
  });
  return count === 1;
}

/** The pledge's content as plain JSON: what revisions store and what the audit trail compares. */
export function pledgeSnapshot(p: FullPledge) {
  return {
    revision: p.revision,
    status: p.status,
    targets: p.targets.map((t) => ({
      id: t.id,
      content: t.content,
      indicator: t.indicator,
      unitOfMeasure: t.unitOfMeasure,
      comparator: t.comparator,
      targetValue: t.targetValue === null ? null : t.targetValue.toString(),
    })),
    measures: p.measures.map((m) => ({ id: m.id, content: m.content })),
    titles: p.titles.map((t) => ({ id: t.title.id, code: t.title.code, name: t.title.name })),
    registrations: p.registrations.map((r) => ({
      personId: r.person.id,
      fullName: r.person.fullName,
      rank: r.person.rank,
      position: r.person.position,
      title: r.title.code,
      titleName: r.title.name,
      commitment: r.commitment,
    })),
    signatory: {
      name: p.signatoryName,
      rank: p.signatoryRank,
      position: p.signatoryPosition,
      signedDate: p.signedDate ? p.signedDate.toISOString().slice(0, 10) : null,
    },
  };
}
export type PledgeSnapshot = ReturnType<typeof pledgeSnapshot>;
