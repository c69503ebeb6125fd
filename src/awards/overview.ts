// The campaign's awards page: proposals with their status, decisions, and each title's quota in use.
import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { quotaBaseOf, titleLimit } from '../lib/quotas.ts';
import { awardFacts } from './facts.ts';
import { awardsCampaign } from './proposals.ts';
import { chainScope, decisionWhere, proposalWhere } from '../chain/scope.ts';

export async function awardsOverview(prisma: Db, actor: Actor, campaignId: number) {
  const campaign = await awardsCampaign(prisma, actor, campaignId);
  const scope = await chainScope(prisma, actor);
  const [proposals, decisions] = await Promise.all([
    prisma.awardProposal.findMany({
      where: { campaignId, ...proposalWhere(scope) },
      orderBy: { id: 'desc' },
      include: { _count: { select: { items: true } }, decision: { select: { id: true, number: true } } },
    }),
    prisma.awardDecision.findMany({
      where: { campaignId, ...decisionWhere(scope) },
      orderBy: [{ date: 'desc' }, { id: 'desc' }],
      include: { _count: { select: { awards: true } }, awards: { where: { revocation: { isNot: null } }, select: { id: true } } },
    }),
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
    proposals: proposals.map((p) => ({ ...p, createdBy: p.createdById ? (nameOf.get(p.createdById) ?? null) : null })),
    decisions: decisions.map((d) => ({ ...d, revoked: d.awards.length })),
    quotas,
  };
}
