import type { Db } from '../db/index.ts';
import { unitScope, type Actor } from '../auth/policy.ts';
import { getVisibleCampaign } from '../campaigns/service.ts';
import { LIST_FILTERS, type ListFilter } from './schema.ts';
import { paged, type Page, PAGE_SIZE } from '../lib/paging.ts';
import { containsPattern, foldedSql, officialOrderSql } from '../units/order.ts';
import type { KeptCampaignParts } from '../dashboards/kept.ts';

/** Rows per page of the pledge list, and names in the reminder list before "and N more". */
export const PLEDGE_PAGE_SIZE = 50;
export const REMINDERS_SHOWN = 20;

/** Statuses that still owe the command a submitted pledge. */
const OWING: readonly ListFilter[] = ['NONE', 'DRAFT', 'RETURNED'];

/** `kept`: the campaign's kept parts, where staff's status counts are kept (src/dashboards/kept.ts) */
export type PledgeListOptions = { q?: string; parent?: number; cluster?: number; page?: Page; kept?: KeptCampaignParts | null };

/** The SQL of the participants in scope with their pledge status, and its parameters (positional, from $1). */
function base(campaignId: number, actor: Actor) {
  const params: unknown[] = [campaignId];
  const scope = unitScope(actor);
  let where = `cu."campaignId" = $1`;
  if (scope.unitId !== undefined) {
    params.push(scope.unitId);
    where += ` AND cu."unitId" = $${params.length}`;
  }
  const from = `FROM "CampaignUnit" cu JOIN "Unit" u ON u.id = cu."unitId"
    LEFT JOIN "Pledge" p ON p."campaignId" = cu."campaignId" AND p."unitId" = cu."unitId"`;
  return { from, where, params };
}

/**
 * Every participating unit's pledge status at a glance, with counts and the reminder list of units
 * that have not submitted, one page of rows at a time (filtered by status, parent unit, cluster and a search on
 * the unit's name or code without accents). The counting, filtering, ordering and paging happen in SQL, so a
 * page reads its own rows only, whatever the number of units. A unit account sees its own row only.
 */
export async function pledgeStatusList(prisma: Db, actor: Actor, campaignId: number, filter?: ListFilter, opts: PledgeListOptions = {}) {
  const campaign = await getVisibleCampaign(prisma, actor, campaignId);
  const p = opts.page ?? { page: 1, size: PAGE_SIZE, skip: 0 };
  const b = base(campaignId, actor);
  const status = `COALESCE(p.status::text, 'NONE')`;
  // the filtered list's own conditions
  const params = [...b.params];
  const cond: string[] = [];
  if (filter) cond.push(`${status} = $${params.push(filter)}`);
  if (opts.parent) cond.push(`u."parentId" = $${params.push(opts.parent)}`);
  if (opts.cluster) cond.push(`EXISTS (SELECT 1 FROM "ClusterMember" cm WHERE cm."unitId" = u.id AND cm."clusterId" = $${params.push(opts.cluster)})`);
  if (opts.q) {
    const n = params.push(containsPattern(opts.q));
    cond.push(`(u."searchText" LIKE $${n} OR ${foldedSql(`u.code || ' ' || u.name`)} LIKE $${n})`);
  }
  const where = [b.where, ...cond].join(' AND ');
  const order = officialOrderSql('u');
  const owing = OWING.map((s) => `'${s}'`).join(',');
  const scope = unitScope(actor);
  const countStatuses = () => prisma.$queryRawUnsafe<{ status: ListFilter; n: number }[]>(`SELECT ${status} AS status, count(*)::int AS n ${b.from} WHERE ${b.where} GROUP BY 1`, ...b.params);
  const [countRows, shownTotal, pageRows, reminderRows] = await Promise.all([
    // every participant's status, counted: the same for all staff, so kept (`opts.kept`) while no pledge or participant
    // changes (at national scale 6 ms of PostgreSQL a view, half the list's); a unit account's one row is counted each time
    scope.unitId === undefined && opts.kept ? opts.kept.get('pledgeCounts', countStatuses) : countStatuses(),
    cond.length ? prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n ${b.from} WHERE ${where}`, ...params) : null,
    prisma.$queryRawUnsafe<{ id: number; status: ListFilter }[]>(`SELECT u.id, ${status} AS status ${b.from} WHERE ${where} ORDER BY ${order} LIMIT ${p.size} OFFSET ${p.skip}`, ...params),
    prisma.$queryRawUnsafe<{ id: number; status: ListFilter }[]>(`SELECT u.id, ${status} AS status ${b.from} WHERE ${b.where} AND ${status} IN (${owing}) ORDER BY ${order} LIMIT ${REMINDERS_SHOWN}`, ...b.params),
  ]);
  const ids = [...new Set([...pageRows, ...reminderRows].map((r) => r.id))];
  const [units, pledges] = await Promise.all([
    prisma.unit.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, name: true, shortName: true, type: true } }),
    prisma.pledge.findMany({
      where: { campaignId, unitId: { in: pageRows.map((r) => r.id) } },
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
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const pledgeOf = new Map(pledges.map((x) => [x.unitId, x]));
  const counts = Object.fromEntries(LIST_FILTERS.map((s) => [s, 0])) as Record<ListFilter, number>;
  for (const r of countRows) counts[r.status] = Number(r.n);
  const total = Object.values(counts).reduce((a, n) => a + n, 0);
  const row = (r: { id: number; status: ListFilter }) => ({ unit: unitOf.get(r.id)!, pledge: pledgeOf.get(r.id) ?? null, status: r.status });
  return {
    campaign,
    list: paged(pageRows.map(row), shownTotal ? Number(shownTotal[0].n) : total, p),
    counts,
    total,
    // a national campaign can owe thousands: name the first few, count the rest
    reminders: reminderRows.map(row),
    remindersTotal: OWING.reduce((a, s) => a + counts[s], 0),
    filter: filter ?? null,
    q: opts.q ?? '',
  };
}
