import type { Db } from '../db/index.ts';
import type { UnitType } from '../generated/prisma/enums.ts';
import { unitScope, type Actor } from '../auth/policy.ts';
import { getVisibleCampaign } from '../campaigns/service.ts';
import { LIST_FILTERS, type ListFilter } from './schema.ts';
import { foldText } from '../lib/forms.ts';
import { paged, type Page, PAGE_SIZE } from '../lib/paging.ts';

/** Rows per page of the pledge list, and names in the reminder list before "and N more". */
export const PLEDGE_PAGE_SIZE = 50;
export const REMINDERS_SHOWN = 20;

const TYPE_ORDER: readonly UnitType[] = ['MINISTRY', 'MILITARY_REGION', 'PROVINCIAL_COMMAND', 'AGENCIES_BLOC', 'DETACHMENT', 'DISTRICT_COMMAND', 'REGIMENT', 'OTHER'];

/** Statuses that still owe the command a submitted pledge. */
const OWING: readonly ListFilter[] = ['NONE', 'DRAFT', 'RETURNED'];

/**
 * Every participating unit's pledge status at a glance, with counts and the reminder list of units
 * that have not submitted, one page of rows at a time (filtered by status and by a search on the unit's
 * name or code, without accents). A unit account sees its own row only.
 */
export async function pledgeStatusList(prisma: Db, actor: Actor, campaignId: number, filter?: ListFilter, opts: { q?: string; page?: Page } = {}) {
  const campaign = await getVisibleCampaign(prisma, actor, campaignId);
  const scope = unitScope(actor);
  const [members, pledges] = await Promise.all([
    prisma.campaignUnit.findMany({
      where: { campaignId, ...scope },
      include: { unit: { select: { id: true, code: true, name: true, shortName: true, type: true, searchText: true } } },
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
  const needle = opts.q ? foldText(opts.q) : '';
  const shown = rows.filter((r) => (!filter || r.status === filter) && (!needle || r.unit.searchText.includes(needle) || foldText(`${r.unit.code} ${r.unit.name}`).includes(needle)));
  const p = opts.page ?? { page: 1, size: PAGE_SIZE, skip: 0 };
  const reminders = rows.filter((r) => OWING.includes(r.status));
  return {
    campaign,
    list: paged(shown.slice(p.skip, p.skip + p.size), shown.length, p),
    counts,
    total: rows.length,
    // a national campaign can owe thousands: name the first few, count the rest
    reminders: reminders.slice(0, REMINDERS_SHOWN),
    remindersTotal: reminders.length,
    filter: filter ?? null,
    q: opts.q ?? '',
  };
}
