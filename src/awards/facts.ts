// What the award rules read about one campaign: the ranking, the titles, who registered for what, and what other
// proposals and awards already hold. Gathered in a fixed number of queries, then handed to src/lib/quotas.ts.
import type { Tx } from '../db/index.ts';
import { campaignStandings } from '../ranking/service.ts';
import type { ClassCode, Standings, UnitStanding } from '../ranking/types.ts';
import { awardeeKey, hasTitle, type Candidate, type Holder, type QuotaFacts, type QuotaTitle } from '../lib/quotas.ts';

/** A proposal line as the rules see it: one title for one unit or one person. */
export type Pick = { titleId: number; unitId: number | null; personId: number | null };

export type TitleRow = QuotaTitle & { kind: 'TITLE' | 'COMMENDATION'; order: number };
export type Registration = {
  id: number;
  titleId: number;
  personId: number;
  fullName: string;
  rank: string | null;
  position: string | null;
  unitId: number;
  unitName: string;
  commitment: string | null;
  pledgeStatus: string;
};

export type AwardFacts = Omit<QuotaFacts, 'titles'> & {
  standings: Standings;
  titles: TitleRow[];
  standingOf: Map<number, UnitStanding>;
  units: Map<number, { id: number; code: string; name: string }>;
  /** "titleId:unitId" of every title a unit registered for in its pledge */
  unitRegistered: Set<string>;
  /** unit id → its pledge status (units without a pledge are absent) */
  pledgeStatus: Map<number, string>;
  registrations: Registration[];
};

const HOLDING_STATUSES = new Set(['SUBMITTED', 'APPROVED']);

/**
 * Everything the rules need for `campaignId`, as seen from proposal `selfId` (whose own lines are left out of
 * "elsewhere"). Use the caller's transaction when the answer must hold while it writes.
 */
export async function awardFacts(prisma: Tx, campaignId: number, selfId: number | null = null): Promise<AwardFacts> {
  const [standings, titles, participants, pledgeTitles, pledges, regs, allItems, allAwards, yearFacts, catalogue] = await Promise.all([
    campaignStandings(prisma, campaignId),
    prisma.campaignTitle.findMany({ where: { campaignId }, orderBy: [{ order: 'asc' }, { id: 'asc' }], include: { catalog: { select: { code: true, combinesWith: true } } } }),
    prisma.campaignUnit.findMany({ where: { campaignId }, select: { unit: { select: { id: true, code: true, name: true } } } }),
    prisma.pledgeTitle.findMany({ where: { pledge: { campaignId } }, select: { titleId: true, pledge: { select: { unitId: true } } } }),
    prisma.pledge.findMany({ where: { campaignId }, select: { unitId: true, status: true } }),
    prisma.individualRegistration.findMany({
      where: { pledge: { campaignId } },
      orderBy: [{ titleId: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        titleId: true,
        commitment: true,
        pledge: { select: { status: true } },
        person: { select: { id: true, fullName: true, rank: true, position: true, unit: { select: { id: true, name: true } } } },
      },
    }),
    prisma.proposalItem.findMany({
      where: { proposal: { campaignId }, ...(selfId ? { proposalId: { not: selfId } } : {}) },
      select: { titleId: true, unitId: true, personId: true, proposal: { select: { id: true, status: true } } },
    }),
    prisma.award.findMany({ where: { campaignId }, select: { titleId: true, unitId: true, personId: true, decision: { select: { number: true } }, revocation: { select: { id: true } } } }),
    campaignYearFacts(prisma, campaignId),
    prisma.titleCatalog.findMany({ select: { code: true, combinesWith: true } }),
  ]);
  const items = allItems.filter(hasTitle);
  const awards = allAwards.filter(hasTitle);
  // a title typed before the catalogue reads the catalogue entry of the same code, if any, for what it combines with
  const byCode = new Map(catalogue.map((c) => [c.code, c]));
  const catalogOf = (t: (typeof titles)[number]) => t.catalog ?? byCode.get(t.code) ?? null;

  const heldElsewhere = new Map<string, Holder>();
  const usedElsewhere = new Map<number, number>();
  const bump = (titleId: number) => usedElsewhere.set(titleId, (usedElsewhere.get(titleId) ?? 0) + 1);
  const formOf = new Map(titles.map((t) => [t.id, { code: catalogOf(t)?.code ?? t.code, combinesWith: catalogOf(t)?.combinesWith ?? [], title: t.name }]));
  const formsElsewhere = new Map<string, { code: string; combinesWith: string[]; title: string; where: Holder }[]>();
  const addForm = (x: { titleId: number; unitId: number | null; personId: number | null }, where: Holder) => {
    const who = x.personId !== null ? `p${x.personId}` : `u${x.unitId}`;
    const form = formOf.get(x.titleId);
    if (form) formsElsewhere.set(who, [...(formsElsewhere.get(who) ?? []), { ...form, where }]);
  };
  // HOLDERS bases: that year's award holders per catalogue code, plus this campaign's candidates in proposals that hold
  const holderKeys = new Map<string, Set<string>>(yearFacts.holders);
  const addHolder = (x: { titleId: number; unitId: number | null; personId: number | null }) => {
    const code = formOf.get(x.titleId)?.code;
    if (code) holderKeys.set(code, new Set([...(holderKeys.get(code) ?? []), x.personId !== null ? `p${x.personId}` : `u${x.unitId}`]));
  };
  for (const i of items) {
    const where: Holder = { kind: 'proposal', ref: String(i.proposal.id) };
    heldElsewhere.set(awardeeKey(i.titleId, i.unitId, i.personId), where);
    addForm(i, where);
    if (HOLDING_STATUSES.has(i.proposal.status)) {
      bump(i.titleId);
      addHolder(i);
    }
  }
  for (const a of awards) {
    const where: Holder = { kind: 'award', ref: a.decision.number };
    heldElsewhere.set(awardeeKey(a.titleId, a.unitId, a.personId), where);
    if (!a.revocation) {
      bump(a.titleId);
      addForm(a, where);
    }
  }
  // the year's registrations (đăng ký cho năm) count as registering for the campaign title picked from that catalogue entry
  const titleOfCatalog = new Map(titles.filter((t) => t.catalogId !== null).map((t) => [t.catalogId!, t.id]));
  const yearRegs = yearFacts.registrations.flatMap((r) => {
    const titleId = titleOfCatalog.get(r.catalogId);
    return titleId === undefined ? [] : [{ ...r, titleId }];
  });

  const registrations: Registration[] = regs.map((r) => ({
    id: r.id,
    titleId: r.titleId,
    personId: r.person.id,
    fullName: r.person.fullName,
    rank: r.person.rank,
    position: r.person.position,
    unitId: r.person.unit.id,
    unitName: r.person.unit.name,
    commitment: r.commitment,
    pledgeStatus: r.pledge.status,
  }));
  for (const r of yearRegs) {
    if (r.person && !registrations.some((x) => x.personId === r.person!.id && x.titleId === r.titleId)) {
      registrations.push({ id: -r.id, titleId: r.titleId, personId: r.person.id, fullName: r.person.fullName, rank: r.person.rank, position: r.person.position, unitId: r.unitId, unitName: r.unitName, commitment: r.commitment, pledgeStatus: 'YEAR' });
    }
  }
  const unitRegistered = new Set([...pledgeTitles.map((p) => `${p.titleId}:${p.pledge.unitId}`), ...yearRegs.filter((r) => !r.person).map((r) => `${r.titleId}:${r.unitId}`)]);
  const registeredPeople = new Map<number, number>();
  const registeredUnits = new Map<number, number>();
  for (const t of titles) {
    registeredPeople.set(t.id, new Set(registrations.filter((r) => r.titleId === t.id).map((r) => r.personId)).size);
    registeredUnits.set(t.id, [...unitRegistered].filter((k) => k.startsWith(`${t.id}:`)).length);
  }
  const participantIds = new Set(participants.map((p) => p.unit.id));

  return {
    standings,
    titles: titles.map((t) => ({
      id: t.id,
      code: t.code,
      name: t.name,
      scope: t.scope,
      kind: t.kind,
      order: t.order,
      quotaPercent: t.quotaPercent === null ? null : Number(t.quotaPercent.toString()),
      minClass: t.minClass,
      requiresRegistration: t.requiresRegistration,
      // an individual title typed before quota bases (no catalogue entry, base left at the column's default UNITS) keeps
      // the old reading: a share of the people registered for it
      quotaBase: t.catalogId === null && t.scope === 'INDIVIDUAL' && t.quotaBase === 'UNITS' ? undefined : t.quotaBase,
      quotaBaseCode: t.quotaBaseCode,
      catalogCode: catalogOf(t)?.code ?? t.code,
      combinesWith: catalogOf(t)?.combinesWith ?? [],
    })),
    standingOf: new Map(standings.standings.map((u) => [u.unitId, u])),
    units: new Map(participants.map((p) => [p.unit.id, p.unit])),
    participatingUnits: participants.length,
    unitRegistered,
    pledgeStatus: new Map(pledges.map((p) => [p.unitId, p.status])),
    registrations,
    registeredPeople,
    usedElsewhere,
    heldElsewhere,
    registeredUnits,
    headcount: yearFacts.headcounts.filter((h) => participantIds.has(h.unitId)).reduce((sum, h) => sum + h.headcount, 0),
    holders: holderKeys,
    formsElsewhere,
    oneAward: yearFacts.oneAward,
  };
}

/**
 * What the quota bases and the year registrations read about the campaign's movement year: headcounts, that year's
 * award holders per catalogue code, the year's registrations, and whether ONE_AWARD is on. A campaign outside a year
 * gets empty facts (its titles keep the old bases).
 */
async function campaignYearFacts(prisma: Tx, campaignId: number) {
  const [campaign, rule] = await Promise.all([
    prisma.campaign.findUnique({ where: { id: campaignId }, select: { year: { select: { id: true, year: true } } } }),
    prisma.eligibilityRule.findFirst({ where: { kind: 'ONE_AWARD' }, select: { enabled: true } }),
  ]);
  const oneAward = rule?.enabled ?? true;
  const year = campaign?.year;
  if (!year) return { oneAward, headcounts: [], holders: new Map<string, Set<string>>(), registrations: [] };
  const [headcounts, held, regs] = await Promise.all([
    prisma.unitHeadcount.findMany({ where: { year: year.year }, select: { unitId: true, headcount: true } }),
    prisma.award.findMany({
      where: { revocation: null, campaign: { year: { year: year.year } }, title: { catalogId: { not: null } } },
      select: { unitId: true, personId: true, catalog: { select: { code: true } }, title: { select: { catalog: { select: { code: true } } } } },
    }),
    prisma.yearRegistration.findMany({
      where: { yearId: year.id },
      orderBy: { id: 'asc' },
      select: { id: true, catalogId: true, unitId: true, commitment: true, unit: { select: { name: true } }, person: { select: { id: true, fullName: true, rank: true, position: true } } },
    }),
  ]);
  const holders = new Map<string, Set<string>>();
  for (const a of held) {
    const code = a.title?.catalog?.code ?? a.catalog?.code;
    if (code) holders.set(code, new Set([...(holders.get(code) ?? []), a.personId !== null ? `p${a.personId}` : `u${a.unitId}`]));
  }
  return { oneAward, headcounts, holders, registrations: regs.map((r) => ({ ...r, unitName: r.unit.name })) };
}

export type PersonInfo = { id: number; fullName: string; unitId: number; unitName: string };

/** The people named by some picks (registered or not), for names and their unit's class. */
export async function peopleOf(prisma: Tx, picks: Pick[]): Promise<Map<number, PersonInfo>> {
  const ids = [...new Set(picks.flatMap((p) => (p.personId === null ? [] : [p.personId])))];
  if (!ids.length) return new Map();
  const rows = await prisma.person.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true, unit: { select: { id: true, name: true } } } });
  return new Map(rows.map((r) => [r.id, { id: r.id, fullName: r.fullName, unitId: r.unit.id, unitName: r.unit.name }]));
}

/** Turn picks into candidates with the facts the rules read (class, registration, participation). */
export function toCandidates(picks: Pick[], facts: AwardFacts, people: Map<number, PersonInfo>): Candidate[] {
  return picks.map((p) => {
    if (p.personId !== null) {
      const person = people.get(p.personId);
      const unitId = person?.unitId ?? null;
      return {
        ...p,
        name: person?.fullName ?? `#${p.personId}`,
        class: unitId === null ? null : classOf(facts, unitId),
        registered: facts.registrations.some((r) => r.personId === p.personId && r.titleId === p.titleId),
        participant: unitId !== null && facts.units.has(unitId),
      };
    }
    const unitId = p.unitId ?? -1;
    return {
      ...p,
      name: facts.units.get(unitId)?.name ?? `#${unitId}`,
      class: classOf(facts, unitId),
      registered: facts.unitRegistered.has(`${p.titleId}:${unitId}`),
      participant: facts.units.has(unitId),
    };
  });
}

function classOf(facts: AwardFacts, unitId: number): ClassCode | null {
  return facts.standingOf.get(unitId)?.class ?? null;
}
