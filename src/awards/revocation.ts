// Revoking an award (hủy bỏ quyết định khen thưởng): a separate recorded act naming its legal ground (a code from
// RevocationGround), with what was recovered (certificate, money). The award and its decision stay as they were.
// Awards that depended on the revoked one (by the catalogue's eligibility rules: a title of the same year, a chain
// of years, a unit title counting its members' titles) are flagged for the commander to review and resolve.
import type { Db, Tx } from '../db/index.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { parseRuleParams } from '../catalogue/rule-params.ts';
import type { RuleKind } from '../generated/prisma/enums.ts';
import type { RevokeForm, ResolveFlagForm } from './schema.ts';

const TX = { timeout: 30_000 } as const;

/** What the award's revoke page shows beside the award: the grounds to pick, the one used, and its flags. */
export async function revokePageFacts(prisma: Tx, award: { id: number; catalogId: number | null; revocation: { groundCode: string | null } | null }) {
  const [grounds, flags, ground, catalog] = await Promise.all([
    revocationGrounds(prisma),
    flagsOf(prisma, [award.id]),
    award.revocation?.groundCode ? prisma.revocationGround.findUnique({ where: { code: award.revocation.groundCode } }) : null,
    // an ad-hoc award names its form in the catalogue only
    award.catalogId ? prisma.titleCatalog.findUnique({ where: { id: award.catalogId }, select: { name: true, nameEn: true } }) : null,
  ]);
  return { grounds, ground, flags: flags.get(award.id) ?? [], catalog };
}

/** The grounds an admin keeps in RevocationGround (active ones are offered on the form). */
export function revocationGrounds(prisma: Tx) {
  return prisma.revocationGround.findMany({ where: { active: true }, orderBy: { code: 'asc' } });
}

type AwardFacts = {
  id: number; unitId: number | null; personId: number | null; decisionDate: Date;
  code: string | null; year: number; personUnitId: number | null;
};

const FACTS = {
  id: true, unitId: true, personId: true,
  catalog: { select: { code: true } }, title: { select: { catalog: { select: { code: true } } } },
  campaign: { select: { startDate: true, year: { select: { year: true } } } }, decision: { select: { date: true } },
  person: { select: { unitId: true } },
} as const;

type FactRow = {
  id: number; unitId: number | null; personId: number | null;
  catalog: { code: string } | null; title: { catalog: { code: string } | null } | null;
  campaign: { startDate: Date; year: { year: number } | null } | null; decision: { date: Date }; person: { unitId: number } | null;
};
/** An award's catalogue code and the year it counts in (its campaign's movement year, else its decision's year). */
function facts(a: FactRow): AwardFacts {
  const year = a.campaign ? (a.campaign.year?.year ?? a.campaign.startDate.getUTCFullYear()) : a.decision.date.getUTCFullYear();
  return { id: a.id, unitId: a.unitId, personId: a.personId, decisionDate: a.decision.date, code: a.title?.catalog?.code ?? a.catalog?.code ?? null, year, personUnitId: a.person?.unitId ?? null };
}

const DEPENDS: RuleKind[] = ['SAME_YEAR_TITLE', 'CHAIN_YEARS', 'MEMBER_SHARE', 'MEMBER_COUNT'];

/**
 * The awards still standing that counted the revoked one, each with the rule code that made it depend on it.
 * A rule on title T reading titleCode C: SAME_YEAR_TITLE → T of the same awardee and year; CHAIN_YEARS (n years)
 * → T of the same awardee in any of the n years from the revoked year on; MEMBER_SHARE / MEMBER_COUNT → T of the
 * revoked person's unit in the same year.
 */
export async function dependentAwards(tx: Tx, revoked: AwardFacts): Promise<{ awardId: number; rule: string }[]> {
  if (!revoked.code) return [];
  const rules = await tx.eligibilityRule.findMany({ where: { enabled: true, kind: { in: DEPENDS } }, include: { title: { select: { code: true } } }, orderBy: { code: 'asc' } });
  const out = new Map<number, string>();
  for (const r of rules) {
    const p = parseRuleParams(r.kind, r.params) as { titleCode?: string; years?: number } | null;
    if (!p || p.titleCode !== revoked.code || !r.title) continue;
    const member = r.kind === 'MEMBER_SHARE' || r.kind === 'MEMBER_COUNT';
    if (member && revoked.personUnitId === null) continue;
    const last = r.kind === 'CHAIN_YEARS' ? revoked.year + Math.max(1, p.years ?? 1) - 1 : revoked.year;
    const who = member ? { unitId: revoked.personUnitId, personId: null } : revoked.personId !== null ? { personId: revoked.personId } : { unitId: revoked.unitId, personId: null };
    const rows = await tx.award.findMany({
      where: { ...who, id: { not: revoked.id }, revocation: null, OR: [{ catalog: { code: r.title.code } }, { title: { catalog: { code: r.title.code } } }] },
      select: FACTS,
    });
    for (const row of rows.map(facts)) if (row.year >= revoked.year && row.year <= last && !out.has(row.id)) out.set(row.id, r.code);
  }
  return [...out].map(([awardId, rule]) => ({ awardId, rule }));
}

/** Revoke one award (commander): a new AwardRevocation row with its ground and recovery; dependants flagged. */
export async function revokeAward(prisma: Db, actor: Actor, awardId: number, data: RevokeForm, requestId?: string): Promise<number> {
  authorize(actor, 'proposal.decide');
  return prisma.$transaction(async (tx) => {
    const award = await tx.award.findUnique({ where: { id: awardId }, include: { revocation: true, decision: { select: { id: true, number: true } } } });
    if (!award) throw new NotFoundError();
    if (award.revocation) throw new ConflictError('awards.revoke.already');
    const ground = await tx.revocationGround.findUnique({ where: { code: data.groundCode } });
    if (!ground || !ground.active) throw new ValidationError({ groundCode: { key: 'validation.choice' } });
    const recovery = { certificateRecovered: data.certificateRecovered, moneyRecovered: data.moneyRecovered, recoveryNote: data.recoveryNote };
    await tx.awardRevocation.create({ data: { awardId, reason: data.reason, decisionNo: data.decisionNo, groundCode: ground.code, ...recovery, byId: actor.id } });
    const dependants = await dependentAwards(tx, facts(await tx.award.findUniqueOrThrow({ where: { id: awardId }, select: FACTS })));
    if (dependants.length) await tx.awardFlag.createMany({ data: dependants.map((d) => ({ awardId: d.awardId, causeAwardId: awardId, reason: d.rule })), skipDuplicates: true });
    await recordAudit(tx, {
      actorId: actor.id, action: 'award.revoke', entityType: 'Award', entityId: awardId, campaignId: award.campaignId, unitId: award.unitId,
      before: { revoked: false, decision: award.decision.number, titleId: award.titleId, catalogId: award.catalogId, unitId: award.unitId, personId: award.personId },
      after: { revoked: true, reason: data.reason, decisionNo: data.decisionNo, groundCode: ground.code, ...recovery, flagged: dependants },
      reason: data.reason, requestId,
    });
    return award.decision.id;
  }, TX);
}

/** Mark a flag resolved with the commander's note (once). Returns the flagged award's decision, to go back to. */
export async function resolveFlag(prisma: Db, actor: Actor, awardId: number, flagId: number, data: ResolveFlagForm, requestId?: string): Promise<number> {
  authorize(actor, 'awardflag.resolve');
  return prisma.$transaction(async (tx) => {
    const flag = await tx.awardFlag.findUnique({ where: { id: flagId }, include: { award: { select: { decisionId: true, campaignId: true, unitId: true } } } });
    if (!flag || flag.awardId !== awardId) throw new NotFoundError();
    const moved = await tx.awardFlag.updateMany({ where: { id: flagId, resolvedAt: null }, data: { resolvedAt: new Date(), resolvedById: actor.id, resolution: data.resolution } });
    if (moved.count !== 1) throw new ConflictError('revocation.flag.alreadyResolved');
    await recordAudit(tx, {
      actorId: actor.id, action: 'awardflag.resolve', entityType: 'AwardFlag', entityId: flagId, campaignId: flag.award.campaignId, unitId: flag.award.unitId,
      before: { resolved: false, awardId: flag.awardId, causeAwardId: flag.causeAwardId, rule: flag.reason }, after: { resolved: true, resolution: data.resolution }, requestId,
    });
    return flag.award.decisionId;
  });
}

/** Flags raised on some awards, with the revoked award that caused them, the rule, and who resolved them. */
export async function flagsOf(prisma: Tx, awardIds: number[]) {
  if (!awardIds.length) return new Map<number, FlagView[]>();
  const rows = await prisma.awardFlag.findMany({
    where: { awardId: { in: awardIds } },
    orderBy: { id: 'asc' },
    include: { causeAward: { select: { id: true, decision: { select: { id: true, number: true } }, title: { select: { name: true } }, catalog: { select: { name: true } }, revocation: { select: { groundCode: true, decisionNo: true } } } } },
  });
  const rules = await prisma.eligibilityRule.findMany({ where: { code: { in: [...new Set(rows.map((r) => r.reason))] } }, select: { code: true, kind: true, params: true, legalBasis: true } });
  const users = await prisma.user.findMany({ where: { id: { in: rows.flatMap((r) => (r.resolvedById ? [r.resolvedById] : [])) } }, select: { id: true, fullName: true } });
  const out = new Map<number, FlagView[]>();
  for (const r of rows) {
    const rule = rules.find((x) => x.code === r.reason) ?? null;
    const view: FlagView = {
      id: r.id, rule: r.reason, ruleKind: rule?.kind ?? null, ruleBasis: rule?.legalBasis ?? null, createdAt: r.createdAt,
      cause: { awardId: r.causeAward.id, title: r.causeAward.title?.name ?? r.causeAward.catalog?.name ?? '', decisionId: r.causeAward.decision.id, decisionNo: r.causeAward.decision.number, revocationNo: r.causeAward.revocation?.decisionNo ?? null },
      resolvedAt: r.resolvedAt, resolution: r.resolution, resolvedBy: users.find((u) => u.id === r.resolvedById)?.fullName ?? null,
    };
    out.set(r.awardId, [...(out.get(r.awardId) ?? []), view]);
  }
  return out;
}

export type FlagView = {
  id: number; rule: string; ruleKind: RuleKind | null; ruleBasis: string | null; createdAt: Date;
  cause: { awardId: number; title: string; decisionId: number; decisionNo: string; revocationNo: string | null };
  resolvedAt: Date | null; resolution: string | null; resolvedBy: string | null;
};
