// A block of a campaign's participating units: the units of one cluster, the direct children of one parent unit,
// those whose name or code matches a search, one page at a time. Pages that work on units (the officer's grid,
// the command dashboard's drill-down) use it so they never load or render every unit of a national campaign.
import type { Db } from '../db/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { foldText } from '../lib/forms.ts';
import { paged, type Page, type Paged } from '../lib/paging.ts';
import type { BlockQuery } from './schema.ts';

export type BlockUnit = { id: number; code: string; name: string; shortName: string | null };
export type BlockOption = { id: number; label: string; units: number };
export type BlockOptions = { clusters: BlockOption[]; parents: BlockOption[] };

/** The Prisma filter on CampaignUnit for a block (without the page). */
export function blockWhere(campaignId: number, q: Pick<BlockQuery, 'cluster' | 'parent' | 'q'>): Prisma.CampaignUnitWhereInput {
  const unit: Prisma.UnitWhereInput = {};
  if (q.cluster) unit.clusterMembers = { some: { clusterId: q.cluster } };
  if (q.parent) unit.parentId = q.parent;
  if (q.q) unit.searchText = { contains: foldText(q.q) };
  return { campaignId, ...(Object.keys(unit).length ? { unit } : {}) };
}

/** One page of the participating units in a block, in code order, with the block's total. */
export async function campaignUnitBlock(prisma: Db, campaignId: number, q: BlockQuery, p: Page): Promise<Paged<BlockUnit>> {
  const where = blockWhere(campaignId, q);
  const [total, rows] = await Promise.all([
    prisma.campaignUnit.count({ where }),
    prisma.campaignUnit.findMany({
      where,
      select: { unit: { select: { id: true, code: true, name: true, shortName: true } } },
      orderBy: { unit: { code: 'asc' } },
      skip: p.skip,
      take: p.size,
    }),
  ]);
  return paged(rows.map((r) => r.unit), total, p);
}

/**
 * What a block can be picked from: the clusters and the parent units that hold at least one participant, each with
 * how many participants it holds (a fixed number of grouped queries, whatever the number of units).
 */
export async function blockOptions(prisma: Db, campaignId: number): Promise<BlockOptions> {
  const inCampaign = { campaigns: { some: { campaignId } } };
  const [clusterCounts, parentCounts] = await Promise.all([
    prisma.clusterMember.groupBy({ by: ['clusterId'], where: { unit: inCampaign }, _count: { _all: true } }),
    prisma.unit.groupBy({ by: ['parentId'], where: { ...inCampaign, parentId: { not: null } }, _count: { _all: true } }),
  ]);
  const [clusters, parents] = await Promise.all([
    prisma.cluster.findMany({ where: { id: { in: clusterCounts.map((c) => c.clusterId) } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    prisma.unit.findMany({ where: { id: { in: parentCounts.map((p) => p.parentId!) } }, select: { id: true, name: true, shortName: true }, orderBy: { code: 'asc' } }),
  ]);
  const clusterN = new Map(clusterCounts.map((c) => [c.clusterId, c._count._all]));
  const parentN = new Map(parentCounts.map((p) => [p.parentId, p._count._all]));
  return {
    clusters: clusters.map((c) => ({ id: c.id, label: c.name, units: clusterN.get(c.id) ?? 0 })),
    parents: parents.map((p) => ({ id: p.id, label: p.shortName ?? p.name, units: parentN.get(p.id) ?? 0 })),
  };
}

/** The block's query string (without the page), to carry into pager links and form actions. */
export function blockSearch(q: Pick<BlockQuery, 'cluster' | 'parent' | 'q'>): string {
  const s = new URLSearchParams();
  if (q.cluster) s.set('cluster', String(q.cluster));
  if (q.parent) s.set('parent', String(q.parent));
  if (q.q) s.set('q', q.q);
  return s.toString();
}
