// "A period about to close with unscored units": when an open period of an active campaign ends within
// CLOSING_DAYS and some participating units have no verified score for it, every active officer of the campaign's command gets one
// notification for that period, once. Checked when staff open the home page (see src/home/routes.ts), so
// it needs no background job; the check costs one query when no period is near its end.
import type { Db } from '../db/index.ts';
import { notify } from './service.ts';

export const CLOSING_DAYS = 3;
export const CLOSING_KIND = 'notifications.kind.periodClosing';
const LOCK_KEY = 0x7468; // "th": this check's advisory-lock namespace
const VN_OFFSET_MS = 7 * 3600_000; // dates are days in Vietnam (UTC+7, no daylight saving)

/** Today in Vietnam as a UTC-midnight Date, like the periods' @db.Date columns. */
export function vnToday(now: Date): Date {
  const d = new Date(now.getTime() + VN_OFFSET_MS);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export const closingLink = (campaignId: number, periodId: number) => `/campaigns/${campaignId}/periods/${periodId}/status`;

/**
 * Notify officers of each open period ending between today and today + `days` that still has units
 * without verified scores. A period already notified (same kind and link) is skipped; an advisory lock
 * per period keeps two simultaneous checks from both creating it. Returns the periods notified now.
 */
export async function notifyClosingPeriods(prisma: Db, now = new Date(), days = CLOSING_DAYS): Promise<number[]> {
  const today = vnToday(now);
  const until = new Date(today.getTime() + days * 86_400_000);
  const periods = await prisma.period.findMany({
    where: { status: 'OPEN', endDate: { gte: today, lte: until }, campaign: { status: 'ACTIVE' } },
    select: { id: true, name: true, endDate: true, campaignId: true },
    orderBy: { endDate: 'asc' },
  });
  // the campaigns in a second statement only when some period is near its end (a nested select would send
  // one even for no period, and this runs on every staff home page)
  if (!periods.length) return [];
  const campaigns = await prisma.campaign.findMany({
    where: { id: { in: [...new Set(periods.map((p) => p.campaignId))] } },
    select: { id: true, name: true, commandUnitId: true },
  });
  const campaignOf = new Map(campaigns.map((c) => [c.id, c]));
  const done: number[] = [];
  for (const p of periods) {
    const campaign = campaignOf.get(p.campaignId);
    if (!campaign) continue; // deleted since the first statement
    const link = closingLink(p.campaignId, p.id);
    if (await prisma.notification.findFirst({ where: { kind: CLOSING_KIND, link }, select: { id: true } })) continue;
    const created = await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY}::int, ${p.id}::int)`;
      if (await tx.notification.findFirst({ where: { kind: CLOSING_KIND, link }, select: { id: true } })) return 0;
      const [participants, verified] = await Promise.all([
        tx.campaignUnit.count({ where: { campaignId: p.campaignId } }),
        tx.assessment.count({ where: { periodId: p.id, status: 'VERIFIED', unit: { campaigns: { some: { campaignId: p.campaignId } } } } }),
      ]);
      const unscored = participants - verified;
      if (unscored <= 0) return 0;
      return notify(tx, {
        // the officers of the campaign's command (src/chain)
        toStaffOf: campaign.commandUnitId, roles: ['OFFICER'],
        kind: CLOSING_KIND,
        params: { period: p.name, campaign: campaign.name, date: p.endDate.toISOString().slice(0, 10), count: unscored, total: participants },
        link,
      });
    });
    if (created) done.push(p.id);
  }
  return done;
}
