// What the command dashboard shows that scores and assessments never change (periods, pledge progress, inspections,
// the block pickers, who belongs to which group, the number of participants), kept per campaign while the campaign's
// RankingCounter `structure` and `pages` parts stand still. The triggers of the migrations ranking_sheets and
// page_changes raise one of them in the commit of every write to those (periods, participants and their units:
// structure; pledges, inspections, clusters, parent units: pages), and a grid save raises neither. So while officers
// save, a dashboard shown again after each save reads again only what a save changes: the ranking (kept by
// src/ranking/cache.ts) and the scoring completeness (src/dashboards/completeness.ts). The counter is read before the
// data, so what is kept is never older than the counter it is kept under.
import type { Db } from '../db/index.ts';
import { pledgeProgressSummary } from '../pledges/progress.ts';
import { latestInspections } from '../scoring/inspections-service.ts';
import { blockOptions } from '../units/block.ts';
import { campaignPeriods, groupMembership } from './data.ts';

/** How many inspection notes the command dashboard lists. */
export const LATEST_INSPECTIONS = 6;
const KEPT_CAMPAIGNS = 64;

type Membership = Awaited<ReturnType<typeof groupMembership>>;
type Parts = {
  periods: Awaited<ReturnType<typeof campaignPeriods>>;
  progress: Awaited<ReturnType<typeof pledgeProgressSummary>>;
  inspections: Awaited<ReturnType<typeof latestInspections>>;
  options: Awaited<ReturnType<typeof blockOptions>>;
  participants: number;
};
type Entry = { signal: string; parts: Promise<Parts>; membership: Map<'cluster' | 'parent', Promise<Membership>> };

/** per database client (tests open several databases, where campaign ids repeat), shared with its read replica's */
const kept = new WeakMap<Db, Map<number, Entry>>();
function keptOf(db: Db): Map<number, Entry> {
  let byCampaign = kept.get(db);
  if (!byCampaign) kept.set(db, (byCampaign = new Map()));
  return byCampaign;
}

async function readParts(prisma: Db, campaignId: number): Promise<Parts> {
  const [periods, progress, inspections, options, participants] = await Promise.all([
    campaignPeriods(prisma, campaignId),
    pledgeProgressSummary(prisma, campaignId),
    latestInspections(prisma, campaignId, LATEST_INSPECTIONS),
    blockOptions(prisma, campaignId),
    prisma.campaignUnit.count({ where: { campaignId } }),
  ]);
  // shared by every request until the signal moves: a reader that changed one would fail loudly in the tests
  for (const list of [periods, progress, inspections]) Object.freeze(list);
  return { periods, progress, inspections, options, participants };
}

async function entryOf(prisma: Db, campaignId: number): Promise<Entry> {
  const byCampaign = keptOf(prisma);
  const [row] = await prisma.$queryRaw<{ structure: bigint; pages: bigint }[]>`SELECT "structure", "pages" FROM "RankingCounter" WHERE "campaignId" = ${campaignId}`;
  const signal = `${row?.structure ?? 0n}.${row?.pages ?? 0n}`;
  const hit = byCampaign.get(campaignId);
  if (hit && hit.signal === signal) return hit;
  const entry: Entry = { signal, parts: readParts(prisma, campaignId), membership: new Map() };
  entry.parts.catch(() => byCampaign.get(campaignId) === entry && byCampaign.delete(campaignId));
  byCampaign.delete(campaignId);
  if (byCampaign.size >= KEPT_CAMPAIGNS) byCampaign.delete(byCampaign.keys().next().value!);
  byCampaign.set(campaignId, entry);
  return entry;
}

/**
 * The campaign's parts of the command dashboard that no score or assessment changes, and `membership(by)`: who
 * belongs to which cluster or parent unit (5,000 rows at national scale), read once per signal when first asked.
 */
export async function keptDashboardParts(prisma: Db, campaignId: number): Promise<Parts & { membership(by: 'cluster' | 'parent'): Promise<Membership> }> {
  const entry = await entryOf(prisma, campaignId);
  const membership = (by: 'cluster' | 'parent') => {
    let m = entry.membership.get(by);
    if (!m) {
      entry.membership.set(by, (m = groupMembership(prisma, campaignId, by)));
      m.catch(() => entry.membership.get(by) === m && entry.membership.delete(by));
    }
    return m;
  };
  return { ...(await entry.parts), membership };
}

/** Let a read replica's client use `primary`'s kept parts (a physical replica holds the same rows and counters). */
export function shareDashboardParts(replica: Db, primary: Db): void {
  kept.set(replica, keptOf(primary));
}
