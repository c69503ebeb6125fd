// Award proposals (đề nghị khen thưởng): an officer drafts from the suggestions, edits and submits; a commander
// approves or returns with a reason. Quotas and eligibility are checked on submit and again on approve.
import type { Db, Tx } from '../db/index.ts';
import type { ProposalStatus } from '../generated/prisma/client.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { getVisibleCampaign } from '../campaigns/service.ts';
import { recordAudit } from '../audit/service.ts';
import { notify } from '../notifications/service.ts';
import { ConflictError, NotFoundError, RuleError, ValidationError } from '../errors.ts';
import { checkHolding, checkProposal, type Problem } from '../lib/quotas.ts';
import type { ClassCode } from '../ranking/types.ts';
import { awardFacts, peopleOf, toCandidates, type AwardFacts, type Pick } from './facts.ts';
import { chainScope, proposalWhere } from '../chain/scope.ts';
import { assertHolder, originOf, recordStep } from '../chain/steps.ts';

/** A proposal refused by the rules (422). `problems` names every rule broken, with its numbers. */
export class RefusedError extends RuleError {
  constructor(public readonly problems: Problem[]) {
    super(problems[0]?.key ?? 'awards.rules.refused', problems[0]?.params ?? {});
  }
}

/** What a default reason is written from (the route turns it into words in the user's language). */
export type ReasonInfo =
  | { kind: 'unit'; title: string; rank: number; of: number; class: ClassCode; total: number }
  | { kind: 'person'; title: string; unitName: string; commitment: string | null };
export type ReasonFor = (info: ReasonInfo) => string;

const TX = { timeout: 30_000 } as const;

/** The campaign of the awards pages, for staff only (unit accounts get 403 everywhere in awards). */
export async function awardsCampaign(prisma: Db, actor: Actor, campaignId: number) {
  authorize(actor, 'award.view');
  return getVisibleCampaign(prisma, actor, campaignId);
}

/** Proposals are made from a finished campaign only. */
export function assertClosed(campaign: { status: string }): void {
  if (campaign.status !== 'CLOSED' && campaign.status !== 'PUBLISHED') throw new RuleError('awards.errors.notClosed');
}

const ITEM_INCLUDE = {
  title: { include: { catalog: { select: { id: true, code: true, name: true, nameEn: true, issuingLevel: true, legalBasis: true } } } },
  catalog: { select: { id: true, code: true, name: true, nameEn: true, issuingLevel: true, legalBasis: true } },
  unit: { select: { id: true, code: true, name: true } },
  person: { select: { id: true, fullName: true, rank: true, position: true, unit: { select: { id: true, name: true } } } },
} as const;

const COMMAND_SELECT = { select: { id: true, name: true, shortName: true, commandLevel: true, parentId: true } } as const;

/** One proposal of any kind (campaign or ad-hoc) with its lines; 404 when it does not exist or lies outside the
 * actor's chain of command (neither in its subtree nor sent to it). */
export async function findProposal(prisma: Tx, actor: Actor, id: number) {
  authorize(actor, 'award.view');
  const scope = await chainScope(prisma, actor);
  const proposal = await prisma.awardProposal.findFirst({
    where: { id, ...proposalWhere(scope) },
    include: {
      campaign: true,
      exemplar: { select: { id: true, title: true } },
      decision: { select: { id: true, number: true } },
      commandUnit: COMMAND_SELECT,
      holderUnit: COMMAND_SELECT,
      items: { include: ITEM_INCLUDE, orderBy: [{ title: { order: 'asc' } }, { id: 'asc' }] },
    },
  });
  if (!proposal) throw new NotFoundError();
  return proposal;
}

export type AnyProposal = Awaited<ReturnType<typeof findProposal>>;
type AnyItem = AnyProposal['items'][number];
type CampaignItem = AnyItem & { titleId: number; title: NonNullable<AnyItem['title']> };
/** A campaign's closing proposal: its campaign and every line's campaign title are present. */
export type CampaignProposal = Omit<AnyProposal, 'campaign' | 'campaignId' | 'items'> & {
  campaign: NonNullable<AnyProposal['campaign']>;
  campaignId: number;
  items: CampaignItem[];
};

/** Narrow a proposal to a campaign's one (404 for an ad-hoc proposal reached through the campaign pages). */
export function asCampaignProposal(p: AnyProposal): CampaignProposal {
  if (p.campaign === null || p.campaignId === null || p.items.some((i) => i.titleId === null || i.title === null)) throw new NotFoundError();
  return p as CampaignProposal;
}

/** One campaign proposal with its lines and campaign; 404 when it does not exist or is not a campaign's. */
export async function getProposal(prisma: Tx, actor: Actor, id: number): Promise<CampaignProposal> {
  return asCampaignProposal(await findProposal(prisma, actor, id));
}

/** Each campaign title's catalogue entry, copied onto the proposal lines (the chain reads their issuing level). */
async function titleCatalogs(tx: Tx, campaignId: number): Promise<Map<number, number | null>> {
  const rows = await tx.campaignTitle.findMany({ where: { campaignId }, select: { id: true, catalogId: true } });
  return new Map(rows.map((r) => [r.id, r.catalogId]));
}

function titlesOf(facts: AwardFacts, picks: Pick[]): void {
  const ids = new Set(facts.titles.map((t) => t.id));
  if (picks.some((p) => !ids.has(p.titleId))) throw new ValidationError({ pick: { key: 'validation.choice' } });
}

function defaultReason(facts: AwardFacts, p: Pick, people: Awaited<ReturnType<typeof peopleOf>>, reasonFor: ReasonFor): string {
  const title = facts.titles.find((t) => t.id === p.titleId)?.name ?? '';
  if (p.personId !== null) {
    const person = people.get(p.personId);
    const reg = facts.registrations.find((r) => r.personId === p.personId && r.titleId === p.titleId);
    return reasonFor({ kind: 'person', title, unitName: person?.unitName ?? '', commitment: reg?.commitment ?? null });
  }
  const u = facts.standingOf.get(p.unitId ?? -1);
  return u ? reasonFor({ kind: 'unit', title, rank: u.rank, of: facts.standings.standings.length, class: u.class, total: u.total }) : '';
}

/** Create a draft proposal from the ticked candidates; each line gets a default reason from the ranking. */
export async function createProposal(prisma: Db, actor: Actor, campaignId: number, data: { note: string | null; picks: Pick[] }, reasonFor: ReasonFor, requestId?: string): Promise<number> {
  authorize(actor, 'proposal.edit');
  const campaign = await awardsCampaign(prisma, actor, campaignId);
  assertClosed(campaign);
  return prisma.$transaction(async (tx) => {
    const facts = await awardFacts(tx, campaignId);
    titlesOf(facts, data.picks);
    const people = await peopleOf(tx, data.picks);
    const problems = checkHolding(toCandidates(data.picks, facts, people), facts);
    if (problems.length) throw new RefusedError(problems);
    const items = data.picks.map((p) => ({ ...p, reason: defaultReason(facts, p, people, reasonFor) || null }));
    // the proposal belongs to the campaign's command (or the officer's), which holds it until it is forwarded
    const command = campaign.commandUnitId ?? (await chainScope(tx, actor)).command?.id ?? null;
    const catalogOf = await titleCatalogs(tx, campaignId);
    const proposal = await tx.awardProposal.create({
      data: { campaignId, note: data.note, createdById: actor.id, commandUnitId: command, holderUnitId: command, items: { create: items.map((i) => ({ ...i, catalogId: catalogOf.get(i.titleId) ?? null })) } },
    });
    await recordStep(tx, { proposalId: proposal.id, action: 'CREATE', status: 'DRAFT', fromUnitId: command, byId: actor.id });
    await recordAudit(tx, { actorId: actor.id, action: 'proposal.create', entityType: 'AwardProposal', entityId: proposal.id, campaignId, after: { status: 'DRAFT', note: data.note, items }, requestId });
    return proposal.id;
  }, TX);
}

export type EditData = {
  version: number;
  note: string | null;
  items: { id: number; reason: string | null; achievements: string | null; remove: boolean }[];
  picks: Pick[];
};

const EDITABLE: ProposalStatus[] = ['DRAFT', 'RETURNED'];
const itemJson = (i: { id?: number; titleId: number | null; unitId: number | null; personId: number | null; reason: string | null; achievements?: string | null }) => ({
  id: i.id,
  titleId: i.titleId,
  unitId: i.unitId,
  personId: i.personId,
  reason: i.reason,
  achievements: i.achievements ?? null,
});

/** Save an officer's edits to a draft or returned proposal (version-checked): reasons, removals, additions. */
export async function updateProposal(prisma: Db, actor: Actor, id: number, data: EditData, reasonFor: ReasonFor, requestId?: string): Promise<void> {
  authorize(actor, 'proposal.edit');
  await prisma.$transaction(async (tx) => {
    const proposal = await getProposal(tx, actor, id);
    assertClosed(proposal.campaign);
    await assertHolder(tx, actor, proposal, { origin: true });
    if (!EDITABLE.includes(proposal.status)) throw new ConflictError('awards.errors.notEditable');
    if (proposal.version !== data.version) throw new ConflictError('awards.errors.changed');
    const mine = new Map(proposal.items.map((i) => [i.id, i]));
    if (data.items.some((i) => !mine.has(i.id))) throw new ValidationError({ _form: { key: 'validation.staleForm' } });
    const facts = await awardFacts(tx, proposal.campaignId, id);
    titlesOf(facts, data.picks);
    const removed = new Set(data.items.filter((i) => i.remove).map((i) => i.id));
    const kept = proposal.items.filter((i) => !removed.has(i.id));
    const all = [...kept.map((i) => ({ titleId: i.titleId, unitId: i.unitId, personId: i.personId })), ...data.picks];
    const people = await peopleOf(tx, all);
    const problems = checkHolding(toCandidates(all, facts, people), facts);
    if (problems.length) throw new RefusedError(problems);

    const moved = await tx.awardProposal.updateMany({ where: { id, version: data.version, status: { in: EDITABLE } }, data: { note: data.note, version: { increment: 1 } } });
    if (moved.count !== 1) throw new ConflictError('awards.errors.changed');
    if (removed.size) await tx.proposalItem.deleteMany({ where: { proposalId: id, id: { in: [...removed] } } });
    for (const it of data.items.filter((i) => !i.remove)) {
      const was = mine.get(it.id)!;
      if (was.reason !== it.reason || was.achievements !== it.achievements) await tx.proposalItem.update({ where: { id: it.id }, data: { reason: it.reason, achievements: it.achievements } });
    }
    const added = data.picks.map((p) => ({ ...p, reason: defaultReason(facts, p, people, reasonFor) || null }));
    const catalogOf = await titleCatalogs(tx, proposal.campaignId);
    if (added.length) await tx.proposalItem.createMany({ data: added.map((a) => ({ ...a, catalogId: catalogOf.get(a.titleId) ?? null, proposalId: id })) });
    const after = await tx.proposalItem.findMany({ where: { proposalId: id }, orderBy: { id: 'asc' } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'proposal.update',
      entityType: 'AwardProposal',
      entityId: id,
      campaignId: proposal.campaignId,
      before: { note: proposal.note, items: proposal.items.map(itemJson) },
      after: { note: data.note, items: after.map(itemJson) },
      requestId,
    });
  }, TX);
}

/** The rules of an ad-hoc proposal: a line, each naming its catalogue form, with a reason (no quota, no ranking). */
export function adhocProblems(proposal: AnyProposal): Problem[] {
  const problems: Problem[] = [];
  if (!proposal.items.length) problems.push({ rule: 'empty', titleId: 0, key: 'awards.rules.empty', params: {} });
  for (const i of proposal.items) {
    if (!i.reason || !i.catalog) problems.push({ rule: 'reason', titleId: 0, key: 'awards.rules.reasonMissing', params: { title: i.catalog?.name ?? '', code: i.catalog?.code ?? '', name: i.person?.fullName ?? i.unit?.name ?? '' } });
  }
  return problems;
}

/** Every rule for the proposal as it stands (quota, class, registration, one award each, reasons present). */
export async function proposalProblems(tx: Tx, proposal: Awaited<ReturnType<typeof getProposal>>): Promise<{ problems: Problem[]; facts: AwardFacts }> {
  const facts = await awardFacts(tx, proposal.campaignId, proposal.id);
  const picks = proposal.items.map((i) => ({ titleId: i.titleId, unitId: i.unitId, personId: i.personId }));
  const people = await peopleOf(tx, picks);
  const problems = checkProposal(toCandidates(picks, facts, people), facts);
  if (!proposal.items.length) problems.unshift({ rule: 'empty', titleId: 0, key: 'awards.rules.empty', params: {} });
  for (const i of proposal.items) {
    if (!i.reason) problems.push({ rule: 'reason', titleId: i.titleId, key: 'awards.rules.reasonMissing', params: { title: i.title.name, code: i.title.code, name: i.person?.fullName ?? i.unit?.name ?? '' } });
  }
  return { problems, facts };
}

type Move = { action: 'submit' | 'approve' | 'return'; from: ProposalStatus[]; to: ProposalStatus; check: boolean };
const MOVES: Record<Move['action'], Move> = {
  submit: { action: 'submit', from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED', check: true },
  approve: { action: 'approve', from: ['SUBMITTED'], to: 'APPROVED', check: true },
  return: { action: 'return', from: ['SUBMITTED', 'APPROVED'], to: 'RETURNED', check: false },
};

const STEP = { submit: 'SUBMIT', approve: 'APPROVE', return: 'RETURN' } as const;

/** Officer submits (DRAFT/RETURNED → SUBMITTED), commander approves (→ APPROVED) or returns with a reason (→ RETURNED). */
export async function moveProposal(prisma: Db, actor: Actor, id: number, action: Move['action'], data: { version: number; reason?: string }, requestId?: string): Promise<void> {
  authorize(actor, action === 'submit' ? 'proposal.edit' : 'proposal.decide');
  const move = MOVES[action];
  await prisma.$transaction(async (tx) => {
    const proposal = await findProposal(tx, actor, id);
    // an ad-hoc proposal has no campaign to be closed and no quota or ranking to check, only its lines
    const campaign = proposal.kind === 'CAMPAIGN' ? asCampaignProposal(proposal) : null;
    if (campaign) assertClosed(campaign.campaign);
    // submit, approve and return happen in the command that made the proposal, while it holds it
    await assertHolder(tx, actor, proposal, { origin: true });
    if (!move.from.includes(proposal.status)) throw new ConflictError('awards.errors.wrongStatus', { status: proposal.status });
    if (proposal.version !== data.version) throw new ConflictError('awards.errors.changed');
    if (move.check) {
      const problems = campaign ? (await proposalProblems(tx, campaign)).problems : adhocProblems(proposal);
      if (problems.length) throw new RefusedError(problems);
    }
    const now = new Date();
    const moved = await tx.awardProposal.updateMany({
      where: { id, version: data.version, status: proposal.status },
      data: {
        status: move.to,
        version: { increment: 1 },
        ...(action === 'submit' ? { submittedById: actor.id, submittedAt: now, returnReason: null } : {}),
        ...(action === 'return' ? { returnReason: data.reason ?? null } : {}),
      },
    });
    if (moved.count !== 1) throw new ConflictError('awards.errors.changed');
    const origin = originOf(proposal);
    await recordStep(tx, { proposalId: id, action: STEP[action], status: move.to, fromUnitId: origin, reason: data.reason ?? null, byId: actor.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: `proposal.${action}`,
      entityType: 'AwardProposal',
      entityId: id,
      campaignId: proposal.campaignId,
      before: { status: proposal.status },
      after: { status: move.to, items: proposal.items.map(itemJson) },
      reason: data.reason ?? null,
      requestId,
    });
    if (action !== 'submit') {
      await notify(tx, {
        userIds: [proposal.submittedById ?? proposal.createdById],
        kind: action === 'approve' ? 'notifications.kind.proposalApproved' : 'notifications.kind.proposalReturned',
        params: { id, campaign: proposal.campaign?.name ?? proposal.note ?? '', reason: data.reason ?? '' },
        link: `/proposals/${id}`,
      });
    }
  }, TX);
}

/** The proposal's trail (who created, edited, submitted, approved, returned, decided it, and when). */
export async function proposalHistory(prisma: Db, id: number) {
  const rows = await prisma.auditLog.findMany({ where: { entityType: 'AwardProposal', entityId: String(id) }, orderBy: { at: 'asc' }, include: { user: { select: { fullName: true } } } });
  return rows.map((r) => ({ at: r.at, action: r.action, by: r.user?.fullName ?? null, reason: r.reason }));
}
