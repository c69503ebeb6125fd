import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { campaignScope } from '../campaigns/service.ts';

/** What the landing page shows: the campaigns the actor can see, newest first, and unit counts. */
export async function homeSummary(prisma: Db, actor: Actor) {
  const campaignWhere = await campaignScope(prisma, actor);
  const [campaigns, unitCount, unit, years] = await Promise.all([
    prisma.campaign.findMany({
      where: campaignWhere,
      orderBy: [{ startDate: 'desc' }, { id: 'desc' }],
      take: 10,
      select: { id: true, name: true, slogan: true, status: true, startDate: true, endDate: true, _count: { select: { units: true } } },
    }),
    actor.role === 'UNIT' ? Promise.resolve(0) : prisma.unit.count({ where: { active: true } }),
    actor.unitId ? prisma.unit.findUnique({ where: { id: actor.unitId }, select: { id: true, code: true, name: true } }) : Promise.resolve(null),
    // a unit account's way to its year-end work (registrations, assessments, its part of the review)
    actor.role === 'UNIT' ? prisma.movementYear.findMany({ orderBy: { year: 'desc' }, take: 2, select: { year: true, name: true } }) : Promise.resolve([]),
  ]);
  return { campaigns, unitCount, unit, years };
}
