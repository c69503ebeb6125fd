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

/** The Prisma filter on Unit for a block's own conditions (cluster, parent, search), without the campaign. */
function blockUnitWhere(q: Pick<BlockQuery, 'cluster' | 'parent' | 'q'>): Prisma.UnitWhereInput {
  const unit: Prisma.UnitWhereInput = {};
  if (q.cluster) unit.clusterMembers = { some: { clusterId: q.cluster } };
  if (q.parent) unit.parentId = q.parent;
  if (q.q) unit.searchText = { contains: foldText(q.q) };
  return unit;
}

/** The Prisma filter on CampaignUnit for a block (without the page). */
export function blockWhere(campaignId: number, q: Pick<BlockQuery, 'cluster' | 'parent' | 'q'>): Prisma.CampaignUnitWhereInput {
  const unit = blockUnitWhere(q);
  return { campaignId, ...(Object.keys(unit).length ? { unit } : {}) };
}

/**
 * One page of the participating units in a block, in code order, with the block's total: two statements (the page
 * is read from Unit, so Prisma needs no second query for the relation). `participants`, when given, counts a block
 * without a cluster, parent or search (every participant) instead of the count statement: a caller that keeps the
 * count (src/dashboards/kept.ts) spares 5,000 rows a view at national scale.
 */
export async function campaignUnitBlock(prisma: Db, campaignId: number, q: BlockQuery, p: Page, participants?: () => Promise<number>): Promise<Paged<BlockUnit>> {
  const own = blockUnitWhere(q);
  const where: Prisma.UnitWhereInput = { campaigns: { some: { campaignId } }, ...own };
  const [total, rows] = await Promise.all([
    participants && Object.keys(own).length === 0 ? participants() : prisma.unit.count({ where }),
    prisma.unit.findMany({ where, select: { id: true, code: true, name: true, shortName: true }, orderBy: { code: 'asc' }, skip: p.skip, take: p.size }),
  ]);
  return paged(rows, total, p);
}

/**
 * What a block can be picked from: the clusters and the parent units that hold at least one participant, each with
 * how many participants it holds, clusters by name and parents in code order. One statement, whatever the number
 * of units (a grid view reads it every time: four statements through Prisma's groupBy and lookups).
 */
export async function blockOptions(prisma: Db, campaignId: number): Promise<BlockOptions> {
  const rows = await prisma.$queryRaw<{ kind: 'c' | 'p'; id: number; label: string; units: number }[]>`
    WITH cu AS (SELECT "unitId" FROM "CampaignUnit" WHERE "campaignId" = ${campaignId})
    SELECT kind, id, label, units FROM (
      SELECT 'c' AS kind, c."id", c."name" AS label, n.units, c."name" AS sort
        FROM (SELECT m."clusterId" AS id, COUNT(*)::int AS units FROM "ClusterMember" m JOIN cu ON cu."unitId" = m."unitId" GROUP BY m."clusterId") n
        JOIN "Cluster" c ON c."id" = n.id
      UNION ALL
      SELECT 'p', u."id", COALESCE(u."shortName", u."name"), n.units, u."code"
        FROM (SELECT x."parentId" AS id, COUNT(*)::int AS units FROM "Unit" x JOIN cu ON cu."unitId" = x."id" WHERE x."parentId" IS NOT NULL GROUP BY x."parentId") n
        JOIN "Unit" u ON u."id" = n.id
    ) o ORDER BY kind, sort, id`;
  const pick = (kind: 'c' | 'p') => rows.filter((r) => r.kind === kind).map(({ id, label, units }) => ({ id, label, units }));
  return { clusters: pick('c'), parents: pick('p') };
}

/** The block's query string (without the page), to carry into pager links and form actions. */
export function blockSearch(q: Pick<BlockQuery, 'cluster' | 'parent' | 'q'>): string {
  const s = new URLSearchParams();
  if (q.cluster) s.set('cluster', String(q.cluster));
  if (q.parent) s.set('parent', String(q.parent));
  if (q.q) s.set('q', q.q);
  return s.toString();
}
