// The dashboards' reads that no other feature provides. Each is one query (or one query per relation
// level Prisma loads), whatever the number of units: the dashboards stay bounded (see
// tests/integration/dashboard-queries.test.ts).
import type { Db } from '../db/index.ts';
import { blockWhere } from '../units/block.ts';

export type UnitRef = { id: number; code: string; name: string; shortName: string | null; parentId?: number | null };

export async function campaignPeriods(prisma: Db, campaignId: number) {
  return prisma.period.findMany({ where: { campaignId }, orderBy: { seq: 'asc' }, select: { id: true, seq: true, name: true, status: true, startDate: true, endDate: true } });
}

/** The criteria of the campaign in display order, with bounds as numbers. */
export async function campaignCriteria(prisma: Db, campaignId: number) {
  const rows = await prisma.criterion.findMany({
    where: { campaignId },
    orderBy: [{ group: { order: 'asc' } }, { order: 'asc' }, { id: 'asc' }],
    select: { id: true, code: true, title: true, kind: true, maxPoints: true, weight: true, group: { select: { code: true, title: true } } },
  });
  return rows.map((c) => ({ id: c.id, code: c.code, title: c.title, kind: c.kind, max: Number(c.maxPoints.toString()), weight: Number(c.weight.toString()), groupCode: c.group.code, groupTitle: c.group.title }));
}

/** One unit's official and self-assessed points with comments for one period, and its assessment there. */
export async function unitPeriodScores(prisma: Db, campaignId: number, unitId: number, periodId: number) {
  const [scores, assessment] = await Promise.all([
    prisma.score.findMany({
      where: { campaignId, unitId, periodId },
      select: { criterionId: true, points: true, comment: true, selfPoints: true, selfComment: true },
    }),
    prisma.assessment.findUnique({ where: { periodId_unitId: { periodId, unitId } }, select: { status: true, returnReason: true, verifiedAt: true } }),
  ]);
  return { scores, assessment };
}

/** A unit's individual registrations in the campaign (through its pledge). */
export async function unitRegistrations(prisma: Db, campaignId: number, unitId: number) {
  return prisma.individualRegistration.findMany({
    where: { pledge: { campaignId, unitId } },
    orderBy: [{ title: { order: 'asc' } }, { person: { fullName: 'asc' } }],
    select: {
      id: true,
      commitment: true,
      person: { select: { fullName: true, rank: true, position: true } },
      title: { select: { code: true, name: true } },
    },
  });
}

/** The named units (the ones a page draws), by id. */
export async function unitRefs(prisma: Db, ids: number[]): Promise<UnitRef[]> {
  if (!ids.length) return [];
  return prisma.unit.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, code: true, name: true, shortName: true, parentId: true } });
}

/** The participants of a cluster or under a parent unit (the drill-down's block): their ids only. */
export async function blockUnitIds(prisma: Db, campaignId: number, block: { cluster?: number; parent?: number }): Promise<Set<number>> {
  const rows = await prisma.campaignUnit.findMany({ where: blockWhere(campaignId, block), select: { unitId: true } });
  return new Set(rows.map((r) => r.unitId));
}

/**
 * What the summary by cluster or by parent unit needs of every participant: its parent, or its clusters (ids only,
 * one query). The standings it is matched with are the ranking engine's, already in memory.
 */
export async function groupMembership(prisma: Db, campaignId: number, by: 'cluster' | 'parent'): Promise<{ parentOf: Map<number, number | null>; clustersOf: Map<number, number[]> }> {
  const parentOf = new Map<number, number | null>();
  const clustersOf = new Map<number, number[]>();
  if (by === 'parent') {
    const rows = await prisma.unit.findMany({ where: { campaigns: { some: { campaignId } }, parentId: { not: null } }, select: { id: true, parentId: true } });
    for (const r of rows) parentOf.set(r.id, r.parentId);
  } else {
    const rows = await prisma.clusterMember.findMany({ where: { unit: { campaigns: { some: { campaignId } } } }, select: { clusterId: true, unitId: true } });
    for (const r of rows) clustersOf.set(r.unitId, [...(clustersOf.get(r.unitId) ?? []), r.clusterId]);
  }
  return { parentOf, clustersOf };
}
