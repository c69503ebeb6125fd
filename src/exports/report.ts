// The campaign summary report: the campaign, its participants, the ranking, the class distribution, the awards
// and the published exemplars, read once for a printable page. Staff only (dashboard.command).
import type { Db } from '../db/index.ts';
import type { UnitType } from '../generated/prisma/enums.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { visibleRanking } from '../ranking/pages.ts';
import type { ClassCode, Standings } from '../ranking/types.ts';

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
  const [members, periods, pledgeCounts, decisions, exemplars] = await Promise.all([
    prisma.campaignUnit.findMany({ where: { campaignId }, select: { unit: { select: { id: true, code: true, name: true, shortName: true, type: true } } } }),
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
  return {
    campaign,
    units,
    periods,
    standings,
    distribution: classDistribution(standings),
    decisions,
    exemplars,
    summary: {
      units: units.length,
      approvedPledges,
      countedPeriods: standings.periods.length || (standings.standings[0]?.periodTotals.length ?? 0),
      awards: awards.length,
      revoked: awards.filter((a) => a.revocation).length,
      exemplars: exemplars.length,
    },
  };
}

export type CampaignReport = Awaited<ReturnType<typeof campaignReport>>;
