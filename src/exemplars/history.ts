// Records across campaigns: a unit's ranks, classes, registered titles and awards by year, and a person's
// individual registrations and awards. Ranks and classes come only from published results (CampaignResult).
import type { Db } from '../db/index.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { NotFoundError } from '../errors.ts';
import { paged, type Page } from '../lib/paging.ts';
import { withFiles } from './service.ts';

const campaignFields = { id: true, name: true, status: true, startDate: true, endDate: true, kind: true, year: { select: { id: true, year: true, name: true } } } as const;
const awardInclude = {
  title: { select: { name: true, code: true, scope: true, kind: true } },
  decision: { select: { id: true, number: true, date: true, signingAuthority: true } },
  revocation: { select: { reason: true, createdAt: true } },
  // flags raised when an award this one relied on was revoked (src/awards/revocation.ts)
  flags: { where: { resolvedAt: null }, select: { id: true, causeAward: { select: { title: { select: { name: true } }, decision: { select: { number: true } } } } } },
  campaign: { select: campaignFields },
  catalog: { select: { name: true } },
} as const;

type CampaignInfo = { id: number; name: string; status: string; startDate: Date; endDate: Date; kind: string; year: { id: number; year: number; name: string } | null };
type AwardLike = { revocation: unknown; title: { name: string } };
/** An ad-hoc (đột xuất) award as the records show it: named by its catalogue form, dated by its decision. */
export type AdhocAward = { title: { name: string }; decision: { id: number; number: string; date: Date }; revocation: unknown };
export type YearGroup<R> = { year: number; movement: { id: number; name: string } | null; held: string[]; rows: R[]; adhoc: AdhocAward[] };

type WithCampaign<T extends { campaignId: number | null; campaign: unknown; title: unknown }> = T & { campaignId: number; campaign: NonNullable<T['campaign']>; title: NonNullable<T['title']> };
/** A campaign's award (the query asked for these only; this tells the type checker). */
function fromCampaign<T extends { campaignId: number | null; campaign: unknown; title: unknown }>(a: T): a is WithCampaign<T> {
  return a.campaignId !== null && a.campaign !== null && a.title !== null;
}

/** The year a campaign counts in: its movement year, else the year it started. */
const yearOf = (c: CampaignInfo) => c.year?.year ?? c.startDate.getUTCFullYear();

/**
 * Rows grouped by movement year (newest first; the regular campaign before the peak ones), each year with the
 * titles held that year (awards not revoked): a helper for both records.
 */
function byYear<R extends { campaign: CampaignInfo; awards: AwardLike[] }>(rows: R[]): YearGroup<R>[] {
  const sorted = [...rows].sort((a, b) => yearOf(b.campaign) - yearOf(a.campaign) || b.campaign.kind.localeCompare(a.campaign.kind) || b.campaign.startDate.getTime() - a.campaign.startDate.getTime() || b.campaign.id - a.campaign.id);
  const years: YearGroup<R>[] = [];
  for (const r of sorted) {
    const year = yearOf(r.campaign);
    let last = years.at(-1);
    if (!last || last.year !== year) years.push((last = { year, movement: null, held: [], rows: [], adhoc: [] }));
    last.rows.push(r);
    if (r.campaign.year) last.movement = { id: r.campaign.year.id, name: r.campaign.year.name };
    for (const a of r.awards) if (!a.revocation && !last.held.includes(a.title.name)) last.held.push(a.title.name);
  }
  return years;
}

/** Put ad-hoc awards (no campaign) into the record under their decision's year, adding years they alone fill. */
function withAdhoc<R>(years: YearGroup<R>[], awards: { catalog: { name: string } | null; title: { name: string } | null; decision: AdhocAward['decision']; revocation: unknown }[]): YearGroup<R>[] {
  for (const a of awards) {
    const year = a.decision.date.getUTCFullYear();
    let group = years.find((y) => y.year === year);
    if (!group) years.push((group = { year, movement: null, held: [], rows: [], adhoc: [] }));
    const name = a.catalog?.name ?? a.title?.name ?? '';
    group.adhoc.push({ ...a, title: { name } });
    if (!a.revocation && !group.held.includes(name)) group.held.push(name);
  }
  return years.sort((a, b) => b.year - a.year);
}

/**
 * A unit's record: per campaign it took part in, its published rank (of how many) and class, the titles its
 * pledge registered, and the awards it received (revoked ones marked). The caller has checked the unit is visible.
 */
export async function unitHistory(prisma: Db, unitId: number) {
  const [memberships, results, pledges, allAwards] = await Promise.all([
    prisma.campaignUnit.findMany({ where: { unitId }, select: { campaign: { select: campaignFields } } }),
    prisma.campaignResult.findMany({ where: { unitId, campaign: { status: 'PUBLISHED' } }, select: { campaignId: true, rank: true, class: true, total: true } }),
    prisma.pledge.findMany({ where: { unitId }, select: { campaignId: true, status: true, titles: { select: { title: { select: { name: true, order: true } } } } } }),
    // campaign awards in their campaign's row; ad-hoc (đột xuất) ones under their decision's year
    prisma.award.findMany({ where: { unitId }, include: awardInclude, orderBy: { id: 'asc' } }),
  ]);
  const awards = allAwards.filter(fromCampaign);
  const adhoc = allAwards.filter((a) => a.campaignId === null);
  const sizes = await prisma.campaignResult.groupBy({ by: ['campaignId'], where: { campaignId: { in: results.map((r) => r.campaignId) } }, _count: { _all: true } });
  const campaigns = new Map<number, CampaignInfo>(memberships.map((m) => [m.campaign.id, m.campaign]));
  for (const a of awards) if (!campaigns.has(a.campaignId)) campaigns.set(a.campaignId, a.campaign);
  const rows = [...campaigns.values()].map((campaign) => {
    const result = results.find((r) => r.campaignId === campaign.id) ?? null;
    const pledge = pledges.find((p) => p.campaignId === campaign.id) ?? null;
    return {
      campaign,
      result: result ? { ...result, of: sizes.find((s) => s.campaignId === campaign.id)?._count._all ?? 0 } : null,
      pledgeStatus: pledge?.status ?? null,
      registered: pledge ? pledge.titles.map((t) => t.title).sort((a, b) => a.order - b.order).map((t) => t.name) : [],
      awards: awards.filter((a) => a.campaignId === campaign.id),
    };
  });
  return withAdhoc(byYear(rows), adhoc);
}
export type UnitHistory = Awaited<ReturnType<typeof unitHistory>>;

/** Everything the unit page adds: the record by year, its published exemplars and its people (paged). */
export async function unitRecord(prisma: Db, unitId: number, p: Page) {
  const [history, exemplars, people, peopleTotal] = await Promise.all([
    unitHistory(prisma, unitId),
    prisma.exemplar.findMany({ where: { unitId, published: true }, orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }], take: 30, include: { unit: { select: { id: true, name: true } }, campaign: { select: { id: true, name: true } } } }),
    prisma.person.findMany({ where: { unitId }, orderBy: [{ fullName: 'asc' }, { id: 'asc' }], skip: p.skip, take: p.size, include: { _count: { select: { registrations: true, awards: true } } } }),
    prisma.person.count({ where: { unitId } }),
  ]);
  return { history, exemplars: await withFiles(prisma, exemplars), people: paged(people, peopleTotal, p) };
}

/** A person's record: their individual registrations and awards across campaigns. Unit accounts: their own people only. */
export async function personRecord(prisma: Db, actor: Actor, id: number) {
  const person = await prisma.person.findUnique({ where: { id }, include: { unit: { select: { id: true, name: true } } } });
  if (!person) throw new NotFoundError();
  authorize(actor, 'unit.view', { unitId: person.unitId });
  const [registrations, allAwards] = await Promise.all([
    prisma.individualRegistration.findMany({
      where: { personId: id },
      include: { title: { select: { name: true, order: true } }, pledge: { select: { status: true, campaign: { select: campaignFields } } } },
      orderBy: { id: 'asc' },
    }),
    prisma.award.findMany({ where: { personId: id }, include: awardInclude, orderBy: { id: 'asc' } }),
  ]);
  const awards = allAwards.filter(fromCampaign);
  const adhoc = allAwards.filter((a) => a.campaignId === null);
  const campaigns = new Map<number, CampaignInfo>();
  for (const r of registrations) campaigns.set(r.pledge.campaign.id, r.pledge.campaign);
  for (const a of awards) campaigns.set(a.campaign.id, a.campaign);
  const rows = [...campaigns.values()].map((campaign) => ({
    campaign,
    registrations: registrations.filter((r) => r.pledge.campaign.id === campaign.id).map((r) => ({ title: r.title.name, commitment: r.commitment, pledgeStatus: r.pledge.status })),
    awards: awards.filter((a) => a.campaignId === campaign.id),
  }));
  return { person, years: withAdhoc(byYear(rows), adhoc) };
}
