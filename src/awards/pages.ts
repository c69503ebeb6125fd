// View models of the proposal pages (new, edit, show), shared by their GET handlers and their error re-renders.
import type { Db } from '../db/index.ts';
import { can, type Actor } from '../auth/policy.ts';
import { authorize } from '../auth/policy.ts';
import type { Translate, Fmt } from '../i18n/index.ts';
import { quotaLines, type Problem } from '../lib/quotas.ts';
import { awardFacts, peopleOf, toCandidates } from './facts.ts';
import { adhocProblems, asCampaignProposal, assertClosed, awardsCampaign, findProposal, getProposal, proposalHistory, proposalProblems, type AnyProposal } from './proposals.ts';
import { heldText, problemText, quotaSummary, titleQuotaText } from './present.ts';
import { pickValue, suggestions, type TitleSuggestions } from './suggest.ts';
import { chainView, decideBlockers } from '../chain/service.ts';
import { chainBlockers, levelBlockers } from '../chain/gates.ts';
import { blockerText } from '../chain/present.ts';
import { proposalPath } from '../chain/steps.ts';
import { vnToday } from '../notifications/closing.ts';
import type { Blocker } from './gates.ts';

export type Words = { t: Translate; fmt: Fmt };

/** Suggestion tables with their words (quota arithmetic, where a candidate is already held). */
function presentSuggestions(w: Words, list: TitleSuggestions[]) {
  return list.map((s) => ({
    ...s,
    quotaText: titleQuotaText(w.t, w.fmt, s.title, s.base, s.limit),
    units: s.units.map((u) => ({ ...u, heldText: heldText(w.t, u.held) })),
    people: s.people.map((p) => ({ ...p, heldText: heldText(w.t, p.held) })),
  }));
}

/** The new-proposal page: every title's candidates, the suggested ones ticked (or what the officer ticked). */
export async function newProposalPage(prisma: Db, actor: Actor, campaignId: number, w: Words, picked?: Set<string>) {
  authorize(actor, 'proposal.edit');
  const campaign = await awardsCampaign(prisma, actor, campaignId);
  assertClosed(campaign);
  const facts = await awardFacts(prisma, campaignId);
  const list = presentSuggestions(w, suggestions(facts));
  const checked = picked ?? new Set(list.flatMap((s) => s.units.filter((u) => u.suggested).map((u) => u.value)));
  return { campaign, titles: list, checked, units: facts.participatingUnits };
}

/** What the pages show about each line: the unit's standing or the person, and the registration. */
function itemRows(proposal: Awaited<ReturnType<typeof getProposal>>, facts: Awaited<ReturnType<typeof awardFacts>>) {
  return proposal.items.map((i) => {
    const unitId = i.unit?.id ?? i.person?.unit.id ?? -1;
    const s = facts.standingOf.get(unitId);
    const registered = i.personId !== null ? facts.registrations.some((r) => r.personId === i.personId && r.titleId === i.titleId) : facts.unitRegistered.has(`${i.titleId}:${i.unitId}`);
    return { ...i, rank: s?.rank ?? null, class: s?.class ?? null, total: s?.total ?? null, registered };
  });
}

/** The edit page: the lines with their reasons, then candidates not yet in the proposal. */
export async function editProposalPage(prisma: Db, actor: Actor, id: number, w: Words) {
  authorize(actor, 'proposal.edit');
  const proposal = await getProposal(prisma, actor, id);
  assertClosed(proposal.campaign);
  const facts = await awardFacts(prisma, proposal.campaignId, id);
  const own = new Set(proposal.items.map((i) => pickValue({ titleId: i.titleId, unitId: i.unitId, personId: i.personId })));
  return { proposal, campaign: proposal.campaign, items: itemRows(proposal, facts), titles: presentSuggestions(w, suggestions(facts, own)), units: facts.participatingUnits };
}

/** A campaign proposal's lines with their standing, its quota use and the rules' verdict. */
async function campaignRules(prisma: Db, proposal: Awaited<ReturnType<typeof getProposal>>, w: Words) {
  const closed = proposal.campaign.status === 'CLOSED' || proposal.campaign.status === 'PUBLISHED';
  const { problems, facts } = await proposalProblems(prisma, proposal);
  const picks = proposal.items.map((i) => ({ titleId: i.titleId, unitId: i.unitId, personId: i.personId }));
  const lines = quotaLines(toCandidates(picks, facts, await peopleOf(prisma, picks)), facts);
  return { closed, problems, items: itemRows(proposal, facts), quotas: quotaSummary(w.t, w.fmt, lines) };
}

/** An ad-hoc proposal's lines (no standing, no registration) and the rules it has: a form and a reason. */
function adhocRules(proposal: AnyProposal) {
  const items = proposal.items.map((i) => ({ ...i, rank: null, class: null, total: null, registered: null }));
  return { closed: true, problems: adhocProblems(proposal), items, quotas: [] as ReturnType<typeof quotaSummary> };
}

/** The proposal page: lines, quota use, the rules' verdict so far, its path up the chain, history and the actions
 * the actor may take (with what still blocks forwarding or deciding). */
export async function proposalPage(prisma: Db, actor: Actor, id: number, w: Words, refused: Problem[] | null = null, blocked: Blocker[] | null = null) {
  const proposal = await findProposal(prisma, actor, id);
  // an ad-hoc proposal (no campaign) has no quota, ranking or registration to show: its lines and the chain only
  const rules = proposal.kind === 'CAMPAIGN' ? await campaignRules(prisma, asCampaignProposal(proposal), w) : adhocRules(proposal);
  const { closed, problems } = rules;
  const s = proposal.status;
  const chain = await chainView(prisma, actor, proposal);
  // a command is offered only the act its level allows: deciding what is within it, forwarding what is above it
  const c = chain.command;
  const levelAllows = (mode: 'decide' | 'forward') => !c || levelBlockers(proposal.items, c, mode, chain.parent).length === 0;
  const own = chain.holds && chain.atOrigin;
  const editable = closed && own && (s === 'DRAFT' || s === 'RETURNED');
  const adhoc = proposal.kind === 'ADHOC';
  const may = {
    edit: editable && !adhoc && can(actor, 'proposal.edit'),
    submit: editable && can(actor, 'proposal.edit'),
    approve: closed && own && s === 'SUBMITTED' && can(actor, 'proposal.decide'),
    return: closed && own && (s === 'SUBMITTED' || s === 'APPROVED') && can(actor, 'proposal.decide'),
    decide: closed && chain.may.decide && levelAllows('decide'),
    forward: closed && chain.may.forward && levelAllows('forward'),
    receive: chain.may.receive,
    sendBack: chain.may.sendBack,
  };
  // what would stop the two acts right now, shown beside their buttons
  const text = (b: Blocker[]) => b.map((x) => blockerText(w.t, x));
  // why a command holding an approved proposal may not decide it (its level), said beside the forward form
  const aboveLevel = c && chain.may.decide && !levelAllows('decide') ? text(levelBlockers(proposal.items, c, 'decide', null)) : [];
  const gates = {
    decide: may.decide ? text((await decideBlockers(prisma, proposal)).blockers) : [],
    forward: may.forward && chain.command ? text(await chainBlockers(prisma, proposal, chain.command, 'forward', chain.parent, vnToday(new Date()))) : [],
  };
  return {
    proposal,
    campaign: proposal.campaign,
    adhoc,
    items: rules.items,
    quotas: rules.quotas,
    // the rules as they stand (a preview before submitting; for a decided proposal they no longer apply)
    check: s === 'DECIDED' ? [] : problems.map((p) => problemText(w.t, w.fmt, p)),
    refused: refused ? refused.map((p) => problemText(w.t, w.fmt, p)) : null,
    blocked: blocked ? text(blocked) : null,
    history: await proposalHistory(prisma, id),
    path: await proposalPath(prisma, id),
    chain,
    gates,
    aboveLevel,
    may,
  };
}
