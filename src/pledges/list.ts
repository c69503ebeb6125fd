import type { Db } from '../db/index.ts';
import type { UnitType } from '../generated/prisma/enums.ts';
import { unitScope, type Actor } from '../auth/policy.ts';
import { getVisibleCampaign } from '../campaigns/service.ts';
import { LIST_FILTERS, type ListFilter } from './schema.ts';

const TYPE_ORDER: readonly UnitType[] = ['PROVINCIAL_COMMAND', 'AGENCIES_BLOC', 'DETACHMENT', 'DISTRICT_COMMAND', 'REGIMENT', 'OTHER'];

/** Statuses that still owe the command a submitted pledge. */
const OWING: readonly ListFilter[] = ['NONE', 'DRAFT', 'RETURNED'];

/**
 * Every participating unit's pledge status at a glance, with counts and the reminder list of units
 * that have not submitted. A unit account sees its own row only.
 */
export async function pledgeStatusList(prisma: Db, actor: Actor, campaignId: number, filter?: ListFilter) {
  const campaign = await getVisibleCampaign(prisma, actor, campaignId);
  const scope = unitScope(actor);
  const [members, pledges] = await Promise.all([
    prisma.campaignUnit.findMany({
      where: { campaignId, ...scope },
      include: { unit: { select: { id: true, code: true, name: true, shortName: true, type: true } } },
    }),
    prisma.pledge.findMany({
      where: { campaignId, ...scope },
      select: {
        id: true,
        unitId: true,
        status: true,
        revision: true,
        submittedAt: true,
        approvedAt: true,
        updatedAt: true,
        _count: { select: { targets: true, registrations: true } },
        titles: { select: { title: { select: { code: true, name: true } } } },
      },
    }),
  ]);
  const byUnit = new Map(pledges.map((p) => [p.unitId, p]));
  // the order of an official list: agencies bloc, detachments, district commands, regiment; by name within each
  members.sort((a, b) => TYPE_ORDER.indexOf(a.unit.type) - TYPE_ORDER.indexOf(b.unit.type) || (a.unit.shortName ?? a.unit.name).localeCompare(b.unit.shortName ?? b.unit.name, 'vi'));
  const rows = members.map((m) => {
    const pledge = byUnit.get(m.unit.id) ?? null;
    return { unit: m.unit, pledge, status: (pledge?.status ?? 'NONE') as ListFilter };
  });
  const counts = Object.fromEntries(LIST_FILTERS.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<ListFilter, number>;
  return {
    campaign,
    rows: filter ? rows.filter((r) => r.status === filter) : rows,
    counts,
    total: rows.length,
    reminders: rows.filter((r) => OWING.includes(r.status)),
    filter: filter ?? null,
  };
}
