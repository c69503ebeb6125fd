// The campaign summary report: the campaign, its participants, the ranking, the class distribution, the awards
// and the published exemplars, read once for a printable page. Staff only (dashboard.command).
import type { Db } from '../db/index.ts';
import type { UnitType } from '../generated/prisma/enums.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { visibleRanking } from '../ranking/pages.ts';
import type { ClassCode, Standings } from '../ranking/types.ts';

/**
 * Up to this many participants the report lists every unit and the whole ranking (a few A4 pages). Beyond it (a
 * military region, an army, a ministry) it counts the participants by unit type and prints the top and the bottom
 * of the ranking, REPORT_ENDS units each, and names the exports that hold the full ranking: a printed summary of
 * 5,000 units would run to a hundred pages and cost as much to build.
 */
export const REPORT_ALL = 100;
export const REPORT_ENDS = 20;

export const CLASS_ORDER: readonly ClassCode[] = ['XUAT_SAC', 'TOT', 'KHA', 'TRUNG_BINH', 'YEU'];
const TYPE_ORDER: readonly UnitType[] = ['MINISTRY', 'MILITARY_REGION', 'PROVINCIAL_COMMAND', 'AGENCIES_BLOC', 'DETACHMENT', 'DISTRICT_COMMAND', 'REGIMENT', 'OTHER'];

/** How many ranked units fall in each class, in class order (every class listed, zero included). */
export function classDistribution(s: Standings): { class: ClassCode; count: number; share: number }[] {
  const n = s.standings.length;
  return CLASS_ORDER.map((c) => {
    const count = s.standings.filter((u) => u.class === c).length;
    return { class: c, count, share: n ? count / n : 0 };
  });
}

export async function campaignReport(prisma: Db, actor: Actor, campaignId: number) {
  authorize(actor, 'dashboard.command');
  const { campaign, standings } = await visibleRanking(prisma, actor, campaignId);
  const memberCount = await prisma.campaignUnit.count({ where: { campaignId } });
  const all = memberCount <= REPORT_ALL;
  const [members, byType, periods, pledgeCounts, decisions, exemplars] = await Promise.all([
    all ? prisma.campaignUnit.findMany({ where: { campaignId }, select: { unit: { select: { id: true, code: true, name: true, shortName: true, type: true } } } }) : [],
    all ? [] : prisma.unit.groupBy({ by: ['type'], where: { campaigns: { some: { campaignId } } }, _count: { _all: true } }),
    prisma.period.findMany({ where: { campaignId }, orderBy: { seq: 'asc' }, select: { id: true, seq: true, name: true, startDate: true, endDate: true, status: true } }),
    prisma.pledge.groupBy({ by: ['status'], where: { campaignId }, _count: { _all: true } }),
    prisma.awardDecision.findMany({
      where: { campaignId },
      orderBy: [{ date: 'asc' }, { id: 'asc' }],
      include: {
        awards: {
          orderBy: [{ title: { order: 'asc' } }, { id: 'asc' }],
          include: {
            title: { select: { code: true, name: true } },
            unit: { select: { code: true, name: true } },
            person: { select: { fullName: true, rank: true, position: true, unit: { select: { name: true } } } },
            revocation: { select: { reason: true, decisionNo: true, createdAt: true } },
          },
        },
      },
    }),
    prisma.exemplar.findMany({
      where: { campaignId, published: true },
      orderBy: [{ publishedAt: 'asc' }, { id: 'asc' }],
      select: { id: true, kind: true, title: true, description: true, personName: true, occurredOn: true, unit: { select: { name: true } } },
    }),
  ]);
  const units = members
    .map((m) => m.unit)
    .sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || (a.shortName ?? a.name).localeCompare(b.shortName ?? b.name, 'vi'));
  const approvedPledges = pledgeCounts.find((p) => p.status === 'APPROVED')?._count._all ?? 0;
  const awards = decisions.flatMap((d) => d.awards);
  const ranked = standings.standings;
  return {
    campaign,
    units,
    /** beyond REPORT_ALL participants: how many of each unit type, in the official type order (else empty) */
    unitTypes: byType.map((g) => ({ type: g.type, count: g._count._all })).sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type)),
    /** the ranked units the report prints: all of them, or the first and the last REPORT_ENDS beyond REPORT_ALL */
    shown: all || ranked.length <= 2 * REPORT_ENDS ? { top: ranked, bottom: [] } : { top: ranked.slice(0, REPORT_ENDS), bottom: ranked.slice(-REPORT_ENDS) },
    periods,
    standings,
    distribution: classDistribution(standings),
    decisions,
    exemplars,
    summary: {
      units: memberCount,
      approvedPledges,
      countedPeriods: standings.periods.length || (standings.standings[0]?.periodTotals.length ?? 0),
      awards: awards.length,
      revoked: awards.filter((a) => a.revocation).length,
      exemplars: exemplars.length,
    },
  };
}

export type CampaignReport = Awaited<ReturnType<typeof campaignReport>>;
