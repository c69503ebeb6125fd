// What the command dashboard shows that scores and assessments never change (periods, pledge progress, inspections,
// the block pickers, who belongs to which group, the number of participants), kept per campaign while the campaign's
// RankingCounter `structure` and `pages` parts stand still. The triggers of the migrations ranking_sheets and
// page_changes raise one of them in the commit of every write to those (periods, participants and their units:
// structure; pledges, inspections, clusters, parent units: pages), and a grid save raises neither. So while officers
// save, a dashboard shown again after each save reads again only what a save changes: the ranking (kept by
// src/ranking/cache.ts) and the scoring completeness (src/dashboards/completeness.ts). The counter is read before the
// data, so what is kept is never older than the counter it is kept under. The officer's grid and the pledge list
// take their block pickers and participant count from here too.
import type { Db } from '../db/index.ts';
import { pledgeProgressSummary } from '../pledges/progress.ts';
import { latestInspections } from '../scoring/inspections-service.ts';
import { blockOptions, type BlockOptions } from '../units/block.ts';
import { campaignPeriods, groupMembership } from './data.ts';

/** How many inspection notes the command dashboard lists. */
export const LATEST_INSPECTIONS = 6;
const KEPT_CAMPAIGNS = 64;

type Membership = Awaited<ReturnType<typeof groupMembership>>;
type Parts = {
  periods: Awaited<ReturnType<typeof campaignPeriods>>;
  progress: Awaited<ReturnType<typeof pledgeProgressSummary>>;
  inspections: Awaited<ReturnType<typeof latestInspections>>;
};
/**
 * What is kept of a campaign under one signal, by name, each part read when first asked for: the officer's grid and
 * the pledge list want only the block pickers, the participant count and the pledge counts (at national scale 3–6 ms
 * of PostgreSQL each, a view; bench/README.md), the command dashboard more.
 */
type Entry = { signal: string; parts: Map<string, Promise<unknown>> };

/** per database client (tests open several databases, where campaign ids repeat), shared with its read replica's */
const kept = new WeakMap<Db, Map<number, Entry>>();
function keptOf(db: Db): Map<number, Entry> {
  let byCampaign = kept.get(db);
  if (!byCampaign) kept.set(db, (byCampaign = new Map()));
  return byCampaign;
}

async function readParts(prisma: Db, campaignId: number): Promise<Parts> {
  const [periods, progress, inspections] = await Promise.all([
    campaignPeriods(prisma, campaignId),
    pledgeProgressSummary(prisma, campaignId),
    latestInspections(prisma, campaignId, LATEST_INSPECTIONS),
  ]);
  // shared by every request until the signal moves: a reader that changed one would fail loudly in the tests
  for (const list of [periods, progress, inspections]) Object.freeze(list);
  return { periods, progress, inspections };
}

/** The kept entry for the campaign's current signal (a new, empty one when the signal moved). */
async function entryOf(prisma: Db, campaignId: number): Promise<Entry> {
  const byCampaign = keptOf(prisma);
  const [row] = await prisma.$queryRaw<{ structure: bigint; pages: bigint }[]>`SELECT "structure", "pages" FROM "RankingCounter" WHERE "campaignId" = ${campaignId}`;
  const signal = `${row?.structure ?? 0n}.${row?.pages ?? 0n}`;
  const hit = byCampaign.get(campaignId);
  if (hit && hit.signal === signal) return hit;
  const entry: Entry = { signal, parts: new Map() };
  // no counter: no such campaign (a mistyped URL, checked after the block is read), or none written yet; not kept,
  // so unknown ids cannot push real campaigns out
  if (!row) return entry;
  byCampaign.delete(campaignId);
  if (byCampaign.size >= KEPT_CAMPAIGNS) byCampaign.delete(byCampaign.keys().next().value!);
  byCampaign.set(campaignId, entry);
  return entry;
}

/** The part `key` of the entry, read by `read` the first time it is asked for; a failed read is forgotten, so the next asks again. */
function part<V>(entry: Entry, key: string, read: () => Promise<V>): Promise<V> {
  const have = entry.parts.get(key);
  if (have) return have as Promise<V>;
  const p = read();
  entry.parts.set(key, p);
  p.catch(() => entry.parts.get(key) === p && entry.parts.delete(key));
  return p;
}

/**
 * What is kept for the campaign under its current signal, read once (one statement) for all the parts a request
 * asks for: while the `structure` and `pages` parts of its counter stand still, for what only periods, participants
 * and their units, pledges, inspections, clusters and parent units change.
 */
export type KeptCampaignParts = {
  /** what `read` returns, kept under `key` */
  get<V>(key: string, read: () => Promise<V>): Promise<V>;
  /** what a block of the campaign's units can be picked from (clusters, parent units: see blockOptions) */
  blockOptions(): Promise<BlockOptions>;
  /** how many units take part */
  participants(): Promise<number>;
  /** who belongs to which cluster or parent unit (5,000 rows at national scale) */
  membership(by: 'cluster' | 'parent'): Promise<Membership>;
};

export async function keptCampaignParts(prisma: Db, campaignId: number): Promise<KeptCampaignParts> {
  const entry = await entryOf(prisma, campaignId);
  return {
    get: (key, read) => part(entry, key, read),
    blockOptions: () => part(entry, 'blockOptions', () => blockOptions(prisma, campaignId)),
    participants: () => part(entry, 'participants', () => prisma.campaignUnit.count({ where: { campaignId } })),
    membership: (by) => part(entry, `membership:${by}`, () => groupMembership(prisma, campaignId, by)),
  };
}

/** The campaign's parts of the command dashboard that no score or assessment changes, with the other kept parts. */
export async function keptDashboardParts(prisma: Db, campaignId: number): Promise<Parts & { options: BlockOptions; participants: number; membership: KeptCampaignParts['membership'] }> {
  const kept = await keptCampaignParts(prisma, campaignId);
  const [parts, options, participants] = await Promise.all([kept.get('dashboard', () => readParts(prisma, campaignId)), kept.blockOptions(), kept.participants()]);
  return { ...parts, options, participants, membership: kept.membership };
}

/** The campaigns something is kept for (tests: an unknown id keeps nothing). */
export function keptCampaignIds(db: Db): number[] {
  return [...keptOf(db).keys()];
}

/** Let a read replica's client use `primary`'s kept parts (a physical replica holds the same rows and counters). */
export function shareDashboardParts(replica: Db, primary: Db): void {
  kept.set(replica, keptOf(primary));
}
