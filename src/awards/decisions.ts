// Award decisions (quyết định khen thưởng) and revocations. A decision and its awards are written once and never
// changed (the database refuses UPDATE/DELETE on them, see the award_immutability migration); revoking an award is
// a separate recorded act that leaves the original visible.
import type { Db, Tx } from '../db/index.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { notify } from '../notifications/service.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { awardeeKey, hasTitle } from '../lib/quotas.ts';
import { asCampaignProposal, assertClosed, findProposal, type CampaignProposal } from './proposals.ts';
import { actionable, decideBlockers } from '../chain/service.ts';
import { GateError } from '../chain/gates.ts';
import { awardWhere, chainScope, decisionWhere } from '../chain/scope.ts';
import { assertHolder, originOf, recordStep } from '../chain/steps.ts';
import type { DecisionForm } from './schema.ts';

const TX = { timeout: 30_000 } as const;

/**
 * Turn a proposal into a decision with one award per line, where it is held: the command's own approved proposal,
 * or one sent up to it and received. The lines must be within the deciding command's level, and the council's
 * ballot and công khai must allow it (422 lists every blocker). The decision is recorded at the deciding command
 * and flows back down: the proposing command's officers and the awardees' unit accounts are notified.
 */
export async function issueDecision(prisma: Db, actor: Actor, proposalId: number, data: DecisionForm, requestId?: string): Promise<number> {
  authorize(actor, 'proposal.decide');
  if (await prisma.awardDecision.findUnique({ where: { number: data.number }, select: { id: true } })) {
    throw new ValidationError({ number: { key: 'awards.decision.numberTaken' } });
  }
  return prisma.$transaction(async (tx) => {
    const proposal = await findProposal(tx, actor, proposalId);
    const campaign = proposal.kind === 'CAMPAIGN' ? asCampaignProposal(proposal) : null;
    if (campaign) assertClosed(campaign.campaign);
    await assertHolder(tx, actor, proposal);
    if (!actionable(proposal)) throw new ConflictError('awards.errors.wrongStatus', { status: proposal.status });
    if (proposal.version !== data.version) throw new ConflictError('awards.errors.changed');
    const { command, blockers } = await decideBlockers(tx, proposal);
    if (blockers.length) throw new GateError(blockers);
    // one achievement, one award: the unique keys on Award back this check up (an ad-hoc deed is its own achievement)
    if (campaign) await assertNotHeld(tx, campaign);

    const moved = await tx.awardProposal.updateMany({
      where: { id: proposalId, version: data.version, status: proposal.status },
      data: { status: 'DECIDED', decidedById: actor.id, decidedAt: new Date(), version: { increment: 1 } },
    });
    if (moved.count !== 1) throw new ConflictError('awards.errors.changed');
    const decision = await tx.awardDecision.create({
      data: {
        campaignId: proposal.campaignId, unitId: command?.id ?? null, legalBasis: data.legalBasis, proposalId,
        number: data.number, date: data.date, signingAuthority: data.signingAuthority, signerName: data.signerName, createdById: actor.id,
      },
    });
    const awards = proposal.items.map((i) => ({ decisionId: decision.id, campaignId: proposal.campaignId, titleId: i.titleId, catalogId: i.catalogId ?? i.title?.catalogId ?? null, unitId: i.unitId, personId: i.personId, reason: i.reason }));
    await tx.award.createMany({ data: awards });
    const origin = originOf(proposal);
    await recordStep(tx, { proposalId, action: 'DECIDE', status: 'DECIDED', fromUnitId: command?.id ?? origin, toUnitId: origin, reason: data.number, byId: actor.id });
    const decisionJson = { number: data.number, date: data.date, signingAuthority: data.signingAuthority, signerName: data.signerName, legalBasis: data.legalBasis, unitId: command?.id ?? null, proposalId };
    await recordAudit(tx, { actorId: actor.id, action: 'decision.issue', entityType: 'AwardDecision', entityId: decision.id, campaignId: proposal.campaignId, unitId: command?.id ?? null, after: { ...decisionJson, awards }, requestId });
    await recordAudit(tx, { actorId: actor.id, action: 'proposal.decide', entityType: 'AwardProposal', entityId: proposalId, campaignId: proposal.campaignId, before: { status: proposal.status }, after: { status: 'DECIDED', decisionId: decision.id, number: data.number }, requestId });
    // flows back down: the proposing command's officers, then every awardee's unit accounts
    await notify(tx, {
      toStaffOf: origin, roles: ['OFFICER'], kind: 'notifications.kind.decisionIssued',
      params: { number: data.number, campaign: proposal.campaign?.name ?? proposal.note ?? '', count: awards.length }, link: `/decisions/${decision.id}`,
    });
    const units = [...new Set(proposal.items.map((i) => i.unitId ?? i.person?.unit.id).filter((x): x is number => typeof x === 'number'))];
    for (const unitId of units) {
      await notify(tx, { toUnit: unitId, kind: 'notifications.kind.awardReceived', params: { number: data.number, by: command?.name ?? data.signingAuthority, campaign: proposal.campaign?.name ?? proposal.note ?? '' }, link: `/units/${unitId}` });
    }
    return decision.id;
  }, TX);
}

/** A campaign's title goes once to an awardee: refuse a line whose awardee already holds it (409). */
async function assertNotHeld(tx: Tx, proposal: CampaignProposal): Promise<void> {
  const existing = await tx.award.findMany({ where: { campaignId: proposal.campaignId, titleId: { in: proposal.items.map((i) => i.titleId) } }, select: { titleId: true, unitId: true, personId: true } });
  const held = new Set(existing.filter(hasTitle).map((a) => awardeeKey(a.titleId, a.unitId, a.personId)));
  const twice = proposal.items.find((i) => held.has(awardeeKey(i.titleId, i.unitId, i.personId)));
  if (twice) throw new ConflictError('awards.errors.alreadyAwarded', { name: twice.person?.fullName ?? twice.unit?.name ?? '', title: twice.title.name });
}

const AWARD_INCLUDE = {
  title: true,
  // an ad-hoc award has no campaign title, only its catalogue form
  catalog: { select: { code: true, name: true, nameEn: true, kind: true } },
  unit: { select: { id: true, code: true, name: true } },
  person: { select: { id: true, fullName: true, rank: true, position: true, unit: { select: { id: true, name: true } } } },
  revocation: true,
} as const;

/** Names of the users behind some ids (revocations and decisions keep only the id). */
async function userNames(prisma: Db, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const want = [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
  if (!want.length) return new Map();
  const rows = await prisma.user.findMany({ where: { id: { in: want } }, select: { id: true, fullName: true } });
  return new Map(rows.map((u) => [u.id, u.fullName]));
}

/** A decision with its campaign and awardees (revoked ones marked with reason, who and when). */
export async function getDecision(prisma: Db, actor: Actor, id: number) {
  authorize(actor, 'award.view');
  const decision = await prisma.awardDecision.findFirst({
    where: { id, ...decisionWhere(await chainScope(prisma, actor)) },
    include: { campaign: true, unit: { select: { id: true, name: true } }, awards: { include: AWARD_INCLUDE, orderBy: [{ title: { order: 'asc' } }, { id: 'asc' }] } },
  });
  if (!decision) throw new NotFoundError();
  const names = await userNames(prisma, [decision.createdById, ...decision.awards.map((a) => a.revocation?.byId)]);
  return {
    decision,
    createdBy: decision.createdById ? (names.get(decision.createdById) ?? null) : null,
    awards: decision.awards.map((a) => ({ ...a, revokedBy: a.revocation?.byId ? (names.get(a.revocation.byId) ?? null) : null })),
  };
}

/** One award with its decision and campaign, for its certificate and the revoke form. */
export async function getAward(prisma: Db, actor: Actor, awardId: number) {
  authorize(actor, 'award.view');
  const award = await prisma.award.findFirst({ where: { id: awardId, ...awardWhere(await chainScope(prisma, actor)) }, include: { ...AWARD_INCLUDE, decision: true, campaign: true } });
  if (!award) throw new NotFoundError();
  const names = await userNames(prisma, [award.revocation?.byId]);
  return { award, revokedBy: award.revocation?.byId ? (names.get(award.revocation.byId) ?? null) : null };
}

// revokeAward moved to ./revocation.ts (grounds, recovery, dependent awards flagged)
export { revokeAward } from './revocation.ts';
