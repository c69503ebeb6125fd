// The campaign's awards page: proposals with their status, decisions, and each title's quota in use.
import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { quotaBaseOf, titleLimit } from '../lib/quotas.ts';
import { awardFacts } from './facts.ts';
import { awardsCampaign } from './proposals.ts';
import { paged, type Page } from '../lib/paging.ts';
import type { ProposalStatus } from '../generated/prisma/enums.ts';
import { chainScope, decisionWhere, proposalWhere } from '../chain/scope.ts';

const FIRST: Page = { page: 1, size: 25, skip: 0 };

/**
 * The campaign's awards page: quotas, then proposals (newest first, filtered by status) and decisions, each a page
 * at a time so a long year of awards never renders at once.
 */
export async function awardsOverview(prisma: Db, actor: Actor, campaignId: number, opts: { status?: ProposalStatus; page?: Page; decisionsPage?: Page } = {}) {
  const campaign = await awardsCampaign(prisma, actor, campaignId);
  const pp = opts.page ?? FIRST;
  const dp = opts.decisionsPage ?? FIRST;
  const scope = await chainScope(prisma, actor);
  const shown = { campaignId, ...proposalWhere(scope), ...(opts.status ? { status: opts.status } : {}) };
  const decided = { campaignId, ...decisionWhere(scope) };
  const [proposals, proposalCount, decisions, decisionCount] = await Promise.all([
    prisma.awardProposal.findMany({
      where: shown,
      orderBy: { id: 'desc' },
      include: { _count: { select: { items: true } }, decision: { select: { id: true, number: true } } },
      skip: pp.skip,
      take: pp.size,
    }),
    prisma.awardProposal.count({ where: shown }),
    prisma.awardDecision.findMany({
      where: decided,
      orderBy: [{ date: 'desc' }, { id: 'desc' }],
      include: { _count: { select: { awards: true } }, awards: { where: { revocation: { isNot: null } }, select: { id: true } } },
      skip: dp.skip,
      take: dp.size,
    }),
    prisma.awardDecision.count({ where: decided }),
  ]);
  const userIds = [...new Set(proposals.map((p) => p.createdById).filter((x): x is number => x !== null))];
  const users = userIds.length ? await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, fullName: true } }) : [];
  const nameOf = new Map(users.map((u) => [u.id, u.fullName]));

  // quotas only mean something once the campaign is finished and ranked
  const closed = campaign.status === 'CLOSED' || campaign.status === 'PUBLISHED';
  const facts = closed ? await awardFacts(prisma, campaignId) : null;
  const quotas = facts
    ? facts.titles.map((t) => {
        const base = quotaBaseOf(t, facts);
        const registered = t.scope === 'COLLECTIVE' ? [...facts.unitRegistered].filter((k) => k.startsWith(`${t.id}:`)).length : (facts.registeredPeople.get(t.id) ?? 0);
        return { title: t, base, limit: titleLimit(t, facts), used: facts.usedElsewhere.get(t.id) ?? 0, registered };
      })
    : [];

  return {
    campaign,
    closed,
    proposals: paged(proposals.map((p) => ({ ...p, createdBy: p.createdById ? (nameOf.get(p.createdById) ?? null) : null })), proposalCount, pp),
    decisions: paged(decisions.map((d) => ({ ...d, revoked: d.awards.length })), decisionCount, dp),
    status: opts.status ?? null,
    quotas,
  };
}
