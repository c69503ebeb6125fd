import type { Db } from '../db/index.ts';
import type { Campaign } from '../generated/prisma/client.ts';
import { can, type Actor } from '../auth/policy.ts';
import { getVisibleCampaign } from '../campaigns/service.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { cachedCampaignStandings } from './service.ts';
import { publishedExemplars } from '../exemplars/service.ts';

/**
 * The ranking as a user may see it: staff (dashboard.command) at any time; a unit account only once the results
 * are published, and only in campaigns its unit takes part in.
 */
export async function visibleRanking(prisma: Db, actor: Actor, campaignId: number) {
  const campaign = await rankingCampaign(prisma, actor, campaignId);
  const standings = await cachedCampaignStandings(prisma, campaignId);
  return { campaign, standings };
}

/** The campaign whose ranking the actor asks for, if they may see it (403 for a unit account before publication). */
export async function rankingCampaign(prisma: Db, actor: Actor, campaignId: number, row?: Campaign | null) {
  const campaign = await getVisibleCampaign(prisma, actor, campaignId, row);
  if (!can(actor, 'dashboard.command') && campaign.status !== 'PUBLISHED') throw new ForbiddenError('ranking.errors.notPublished');
  return campaign;
}

/** One unit's breakdown: its standing, its neighbours (for the tie-break story) and the criteria titles. */
export async function unitBreakdown(prisma: Db, actor: Actor, campaignId: number, unitId: number) {
  const { campaign, standings } = await visibleRanking(prisma, actor, campaignId);
  const index = standings.standings.findIndex((u) => u.unitId === unitId);
  if (index < 0) throw new NotFoundError();
  const criteria = await prisma.criterion.findMany({ where: { campaignId }, select: { id: true, title: true } });
  return { campaign, standings, index, criterionTitles: new Map(criteria.map((c) => [c.id, c.title])) };
}

/**
 * The honour board: every signed-in user may see it once there is something published: the results (the ranking
 * section) or exemplars a commander published (their section; the ranking stays hidden until the results are out).
 */
export async function honourBoard(prisma: Db, campaignId: number) {
  const campaign = await prisma.campaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw new NotFoundError();
  const exemplars = await publishedExemplars(prisma, campaignId);
  const published = campaign.status === 'PUBLISHED';
  if (!published && !exemplars.length) throw new NotFoundError('ranking.errors.honourNotPublished');
  return { campaign, standings: published ? await cachedCampaignStandings(prisma, campaignId) : null, exemplars };
}
