import type { Db, Tx } from '../db/index.ts';
import { NotFoundError } from '../errors.ts';
import { computeStandings } from '../lib/ranking.ts';
import { parseClassRules, parseTieBreaks } from './settings.ts';
import { CAMPAIGN_FIELDS, catchUp, readLive, toInput, type CampaignSettings, type LiveData } from './live.ts';
import { fromResultRows } from './snapshot.ts';
import { cachedStandings } from './cache.ts';
import type { Standings } from './types.ts';

export type StandingsOptions = { uptoSeq?: number };

/**
 * The standings of a campaign. Live ones come from the score sheets and a few small lookups (./live.ts),
 * whatever the number of units. Once the campaign is published the frozen CampaignResult
 * snapshot is returned instead (uptoSeq is then ignored), so published results never change.
 */
export async function campaignStandings(prisma: Tx, campaignId: number, opts: StandingsOptions = {}): Promise<Standings> {
  const campaign = await prisma.campaign.findUnique({ where: { id: campaignId }, select: CAMPAIGN_FIELDS });
  if (!campaign) throw new NotFoundError();
  if (campaign.status === 'PUBLISHED') return frozenStandings(prisma, campaign);
  return liveStandings(prisma, campaign, opts);
}

/**
 * campaignStandings through this app instance's cache, which any write to the campaign's ranking data
 * invalidates (./cache.ts). For pages: never inside a transaction (a transaction may see its own uncommitted writes).
 */
export function cachedCampaignStandings(prisma: Db, campaignId: number, opts: StandingsOptions = {}): Promise<Standings> {
  return cachedStandings<LiveData>(prisma, campaignId, String(opts.uptoSeq ?? ''), async (tx, prior) => {
    const campaign = await tx.campaign.findUnique({ where: { id: campaignId }, select: CAMPAIGN_FIELDS });
    if (!campaign) throw new NotFoundError();
    if (campaign.status === 'PUBLISHED') return { standings: await frozenStandings(tx, campaign) };
    // only scores and assessments changed since the prior computation: catch up from its data
    const data = prior ? await catchUp(tx, prior.data, prior.snapshot) : await readLive(tx, campaign, opts.uptoSeq);
    return { standings: computeStandings(toInput(data)), data };
  });
}

/**
 * Ranking computed now from the verified scores (used for unpublished campaigns and to publish). Every unit is
 * counted over the same periods: the closed ones (all of them once the campaign is closed), see src/lib/ranking.ts.
 */
export async function liveStandings(prisma: Tx, campaign: CampaignSettings, opts: StandingsOptions = {}): Promise<Standings> {
  return computeStandings(toInput(await readLive(prisma, campaign, opts.uptoSeq)));
}

async function frozenStandings(prisma: Tx, campaign: CampaignSettings): Promise<Standings> {
  const [rows, change] = await Promise.all([
    prisma.campaignResult.findMany({ where: { campaignId: campaign.id }, include: { unit: { select: { code: true, name: true } } } }),
    prisma.campaignStatusChange.findFirst({ where: { campaignId: campaign.id, toStatus: 'PUBLISHED' }, orderBy: { at: 'desc' } }),
  ]);
  const by = change?.byId ? await prisma.user.findUnique({ where: { id: change.byId }, select: { fullName: true } }) : null;
  const standings = fromResultRows(campaign.id, rows, {
    tieBreaks: parseTieBreaks(campaign.tieBreaks),
    classRules: parseClassRules(campaign.classRules),
    normalized: campaign.normalize,
    totalMode: campaign.totalMode,
    periods: [],
    groups: [],
  });
  return { ...standings, published: change ? { at: change.at, byId: change.byId, byName: by?.fullName ?? null } : null };
}
