// The facts of one movement year as the eligibility engine reads them, loaded in two rounds of parallel queries
// (about a dozen in all, whatever the number of people). Only VERIFIED assessments reach the engine.
import type { Prisma } from '../generated/prisma/client.ts';
import type { Db } from '../db/index.ts';
import { NotFoundError } from '../errors.ts';
import type { Base, Discipline, EngineRule, Level, Task, YearFacts } from '../lib/eligibility.ts';

export type Tx = Prisma.TransactionClient | Db;

/** How many earlier years of titles the chains may read. */
const HISTORY_YEARS = 10;

export async function movementYear(prisma: Tx, year: number) {
  const y = await prisma.movementYear.findUnique({
    where: { year },
    include: { campaigns: { select: { id: true, name: true, kind: true, status: true }, orderBy: { id: 'asc' } } },
  });
  if (!y) throw new NotFoundError();
  return y;
}

export type Catalogue = Awaited<ReturnType<typeof loadCatalogue>>;
function loadCatalogue(prisma: Tx) {
  return prisma.titleCatalog.findMany({ where: { active: true }, orderBy: [{ scope: 'asc' }, { rank: 'desc' }, { code: 'asc' }] });
}

/** Everything the engine needs for `year`, plus what the page shows beside it (names, assessment status, rule rows). */
export async function loadYearFacts(prisma: Tx, year: number) {
  const y = await movementYear(prisma, year);
  const [catalogue, rules, participants, regs, results] = await Promise.all([
    loadCatalogue(prisma),
    prisma.eligibilityRule.findMany({ orderBy: { code: 'asc' }, include: { title: { select: { code: true } } } }),
    prisma.campaignUnit.findMany({ where: { campaign: { yearId: y.id } }, select: { unitId: true } }),
    prisma.yearRegistration.findMany({ where: { yearId: y.id }, select: { unitId: true, personId: true, commitment: true, catalog: { select: { code: true } } } }),
    prisma.campaignResult.findMany({ where: { campaign: { yearId: y.id } }, select: { unitId: true, rank: true, campaign: { select: { kind: true } } } }),
  ]);
  const participantIds = [...new Set(participants.map((p) => p.unitId))];
  const unitIds = [...new Set([...participantIds, ...regs.map((r) => r.unitId)])];
  const [units, headcounts, people, assessments, held, initiatives] = await Promise.all([
    prisma.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, code: true, name: true }, orderBy: { name: 'asc' } }),
    prisma.unitHeadcount.findMany({ where: { year, unitId: { in: unitIds } }, select: { unitId: true, headcount: true } }),
    prisma.person.findMany({ where: { unitId: { in: unitIds } }, select: { id: true, unitId: true, fullName: true, rank: true, position: true }, orderBy: [{ unitId: 'asc' }, { fullName: 'asc' }] }),
    prisma.personAssessment.findMany({ where: { year, person: { unitId: { in: unitIds } } } }),
    prisma.award.findMany({
      // a campaign's awards count in its movement year; an ad-hoc award in the year of its decision
      where: {
        revocation: null,
        OR: [
          { title: { catalogId: { not: null } }, campaign: { year: { year: { gte: year - HISTORY_YEARS, lte: year } } } },
          { campaignId: null, catalogId: { not: null }, decision: { date: { gte: new Date(Date.UTC(year - HISTORY_YEARS, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) } } },
        ],
      },
      select: { unitId: true, personId: true, catalog: { select: { code: true } }, title: { select: { catalog: { select: { code: true } } } }, campaign: { select: { year: { select: { year: true } } } }, decision: { select: { date: true } } },
    }),
    prisma.initiative.findMany({ where: { year }, select: { id: true, recognisingLevel: true, decisionNo: true, decisionDate: true, authors: { select: { personId: true } } } }),
  ]);

  // standing: the peak campaign's results if any, else the regular campaign's
  const peak = results.filter((r) => r.campaign.kind === 'PEAK');
  const standingOf = new Map((peak.length ? peak : results).map((r) => [r.unitId, r.rank]));
  const headcountOf = new Map(headcounts.map((h) => [h.unitId, h.headcount]));
  const verified = new Map(assessments.filter((a) => a.status === 'VERIFIED').map((a) => [a.personId, a]));
  const initiativesOf = new Map<number, { level: Level; recognised: boolean }[]>();
  for (const i of initiatives) {
    for (const a of i.authors) initiativesOf.set(a.personId, [...(initiativesOf.get(a.personId) ?? []), { level: i.recognisingLevel, recognised: Boolean(i.decisionNo && i.decisionDate) }]);
  }
  const heldMap: YearFacts['held'] = new Map();
  for (const a of held) {
    const code = a.title?.catalog?.code ?? a.catalog?.code;
    const at = a.campaign ? a.campaign.year?.year : a.decision.date.getUTCFullYear();
    if (!code || at === undefined) continue;
    const key = a.personId !== null ? `p${a.personId}` : `u${a.unitId}`;
    const years = heldMap.get(key) ?? new Map<number, Set<string>>();
    years.set(at, new Set([...(years.get(at) ?? []), code]));
    heldMap.set(key, years);
  }
  const engineRules: EngineRule[] = rules.map((r) => ({
    code: r.code,
    titleCode: r.title?.code ?? null,
    kind: r.kind,
    params: r.params && typeof r.params === 'object' && !Array.isArray(r.params) ? (r.params as Record<string, unknown>) : {},
    version: r.version,
    enabled: r.enabled,
  }));
  const facts: YearFacts = {
    year,
    titles: catalogue
      .filter((c) => c.forRegular)
      .map((c) => ({
        code: c.code,
        scope: c.scope,
        rank: c.rank,
        quotaBase: c.defaultQuotaBase as Base,
        quotaPercent: c.defaultQuotaPercent === null ? null : Number(c.defaultQuotaPercent.toString()),
        quotaBaseCode: c.quotaBaseCode,
        combinesWith: c.combinesWith,
      })),
    rules: engineRules,
    people: people.map((p) => {
      const a = verified.get(p.id);
      return {
        id: p.id,
        unitId: p.unitId,
        name: p.fullName,
        assessment: a ? { taskLevel: a.taskLevel as Task, testsPassedPercent: Number(a.testsPassedPercent.toString()), goodPercent: Number(a.goodPercent.toString()), discipline: a.discipline as Discipline } : null,
        initiatives: initiativesOf.get(p.id) ?? [],
      };
    }),
    units: units.map((u) => ({ id: u.id, name: u.name, headcount: headcountOf.get(u.id) ?? null, standing: standingOf.get(u.id) ?? null })),
    participantIds,
    held: heldMap,
    registrations: regs.map((r) => ({ titleCode: r.catalog.code, unitId: r.unitId, personId: r.personId })),
  };
  return {
    year: y,
    facts,
    catalogue,
    rules,
    units,
    people,
    assessmentStatus: new Map(assessments.map((a) => [a.personId, a.status])),
    commitments: new Map(regs.map((r) => [`${r.catalog.code}:${r.personId === null ? `u${r.unitId}` : `p${r.personId}`}`, r.commitment])),
  };
}
