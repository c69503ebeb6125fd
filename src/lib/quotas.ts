// Quotas (tỷ lệ) and eligibility for award proposals: pure rules, no I/O. The awards service gathers the facts
// (titles, the ranking's classes, registrations, what other proposals and awards already hold) and asks here.
//
// Quota. A title's quota is a share of a base that follows the law (CampaignTitle.quotaBase): UNITS, the campaign's
// participating units; REGISTERED, those registered for that title; HEADCOUNT, the sum of the participating units'
// headcounts (quân số) that year; HOLDERS, that year's holders of another title (quotaBaseCode, e.g. CSTĐCS as a share
// of CSTT holders). Titles without a base keep the old reading (units for collective, registered people for
// individual). The allowed count is ROUNDED DOWN:
//   max = floor(base × percent / 100)        e.g. 20% of 15 units → 3, 30% of 15 → 4, 7% of 15 → 1
// computed in hundredths of a percent so that no floating-point error moves the floor. No quota = no cap.
// Usage counts the candidates of the proposal being checked plus those other proposals already submitted,
// approved or decided (awards later revoked do not count).
//
// Eligibility. A candidate's class must reach the title's minimum class (an individual reads the class of their
// unit); if the title requires registration, the unit must have registered for it in its pledge (an individual:
// an individual registration for that title). The same unit or person may hold a title only once per campaign,
// whichever proposal or award holds it; and one awardee gets one form per campaign (one achievement, one award) unless
// the catalogue says the two forms combine (TitleCatalog.combinesWith, read both ways).
import type { ClassCode } from '../ranking/types.ts';

/** Classes from best to worst. */
export const CLASS_RANK: readonly ClassCode[] = ['XUAT_SAC', 'TOT', 'KHA', 'TRUNG_BINH', 'YEU'];

export function isClassCode(v: unknown): v is ClassCode {
  return typeof v === 'string' && (CLASS_RANK as readonly string[]).includes(v);
}

/** True when `cls` is at least `min` (no minimum: always; no class, e.g. a unit outside the ranking: never). */
export function meetsClass(cls: ClassCode | null, min: string | null): boolean {
  if (!min || !isClassCode(min)) return true;
  if (!cls) return false;
  return CLASS_RANK.indexOf(cls) <= CLASS_RANK.indexOf(min);
}

/** The most candidates a quota allows: floor(base × percent / 100); null when the title has no quota. */
export function quotaLimit(percent: number | null, base: number): number | null {
  if (percent === null || !Number.isFinite(percent)) return null;
  const hundredths = Math.round(percent * 100);
  return Math.floor((Math.max(0, base) * hundredths) / 10000);
}

export type QuotaTitle = {
  id: number;
  code: string;
  name: string;
  scope: 'COLLECTIVE' | 'INDIVIDUAL';
  quotaPercent: number | null;
  minClass: string | null;
  requiresRegistration: boolean;
  /** what the quota is a share of; absent = units (collective) or registered people (individual) */
  quotaBase?: QuotaBaseKind;
  /** for HOLDERS: the catalogue code whose holders form the base */
  quotaBaseCode?: string | null;
  /** the catalogue code (or the title's own code) and the codes it combines with for one achievement */
  catalogCode?: string;
  combinesWith?: string[];
};

export type QuotaBaseKind = 'NONE' | 'UNITS' | 'REGISTERED' | 'HEADCOUNT' | 'HOLDERS';

/** One candidate of the proposal being checked, with the facts the rules read. */
export type Candidate = {
  titleId: number;
  unitId: number | null;
  personId: number | null;
  /** who, for messages: the unit's name, or the person's name */
  name: string;
  /** the unit's class in the ranking (an individual: their unit's); null when the unit is not ranked */
  class: ClassCode | null;
  registered: boolean;
  /** the unit takes part in the campaign (an individual: their unit does) */
  participant: boolean;
};

export type QuotaFacts = {
  titles: QuotaTitle[];
  /** participating units: the base of collective quotas */
  participatingUnits: number;
  /** per title id: people registered for it, the base of individual quotas */
  registeredPeople: Map<number, number>;
  /** per title id: candidates already held by other submitted, approved or decided proposals (minus revoked awards) */
  usedElsewhere: Map<number, number>;
  /** awardee keys (see awardeeKey) already in another proposal or awarded, and where, for the duplicate rule */
  heldElsewhere: Map<string, Holder>;
  /** per title id: units registered for it (REGISTERED base of a collective title) */
  registeredUnits?: Map<number, number>;
  /** sum of the participating units' headcounts in the campaign's year (HEADCOUNT base) */
  headcount?: number;
  /** per catalogue code: that year's holders ("u3"/"p8": awards, plus candidates in held proposals) (HOLDERS base) */
  holders?: Map<string, Set<string>>;
  /** awardee ("u3"/"p8") → the forms they hold elsewhere in this campaign, for one achievement, one award */
  formsElsewhere?: Map<string, { code: string; combinesWith: string[]; title: string; where: Holder }[]>;
  /** the ONE_AWARD rule is enabled (default true) */
  oneAward?: boolean;
};

/** Where an awardee already holds a title: another proposal (its id) or an award (its decision number). */
export type Holder = { kind: 'proposal' | 'award'; ref: string };

export type Rule = 'quota' | 'minClass' | 'registration' | 'duplicate' | 'oneAward' | 'notParticipant' | 'scope' | 'reason' | 'empty';

/** A refusal: which rule, a translation key (awards.rules.*) and the numbers the message names. */
export type Problem = { rule: Rule; titleId: number; key: string; params: Record<string, string | number> };

/** "t5:u3" or "t5:p8": one title for one awardee. */
/** Lines and awards of a campaign always name a campaign title (only ad-hoc ones do not). */
export function hasTitle<T extends { titleId: number | null }>(x: T): x is T & { titleId: number } {
  return x.titleId !== null;
}

/** A campaign line with its campaign title present. */
export function isCampaignLine<T extends { titleId: number | null; title: object | null }>(x: T): x is T & { titleId: number; title: NonNullable<T['title']> } {
  return x.titleId !== null && x.title !== null;
}

export function awardeeKey(titleId: number, unitId: number | null, personId: number | null): string {
  return personId !== null ? `t${titleId}:p${personId}` : `t${titleId}:u${unitId}`;
}

/** Per title: how many candidates this proposal has, how many are used elsewhere, the base and the limit. */
export type QuotaLine = { title: QuotaTitle; proposed: number; usedElsewhere: number; base: number; limit: number | null; over: boolean };

/** The base kind a title's quota reads (titles typed before quota bases: units or registered people). */
export function baseKindOf(title: QuotaTitle): QuotaBaseKind {
  return title.quotaBase ?? (title.scope === 'COLLECTIVE' ? 'UNITS' : 'REGISTERED');
}

/**
 * The number a title's quota is a share of, by its base kind. For HOLDERS, the candidates of the proposal being
 * checked for the base title count too (a CSTĐCS line beside the CSTT lines of the same proposal).
 */
export function quotaBaseOf(title: QuotaTitle, facts: QuotaFacts, candidates: Candidate[] = []): number {
  switch (baseKindOf(title)) {
    case 'UNITS':
      return facts.participatingUnits;
    case 'REGISTERED':
      return title.scope === 'COLLECTIVE' ? (facts.registeredUnits?.get(title.id) ?? 0) : (facts.registeredPeople.get(title.id) ?? 0);
    case 'HEADCOUNT':
      return facts.headcount ?? 0;
    case 'HOLDERS': {
      const code = title.quotaBaseCode ?? '';
      const keys = new Set(facts.holders?.get(code) ?? []);
      const codeOf = new Map(facts.titles.map((t) => [t.id, t.catalogCode ?? t.code]));
      for (const c of candidates) if (codeOf.get(c.titleId) === code) keys.add(awardee(c));
      return keys.size;
    }
    default:
      return 0;
  }
}

/** The most a title allows (null = no cap, also for base NONE). */
export function titleLimit(title: QuotaTitle, facts: QuotaFacts, candidates: Candidate[] = []): number | null {
  return baseKindOf(title) === 'NONE' ? null : quotaLimit(title.quotaPercent, quotaBaseOf(title, facts, candidates));
}

export function quotaLines(candidates: Candidate[], facts: QuotaFacts): QuotaLine[] {
  return facts.titles.flatMap((title) => {
    const proposed = candidates.filter((c) => c.titleId === title.id).length;
    if (proposed === 0) return [];
    const base = quotaBaseOf(title, facts, candidates);
    const limit = titleLimit(title, facts, candidates);
    const usedElsewhere = facts.usedElsewhere.get(title.id) ?? 0;
    return [{ title, proposed, usedElsewhere, base, limit, over: limit !== null && proposed + usedElsewhere > limit }];
  });
}

/** Only the rules that hold whatever the stage: one title per awardee, the right kind of awardee, a participant. */
export function checkHolding(candidates: Candidate[], facts: QuotaFacts): Problem[] {
  const byId = new Map(facts.titles.map((t) => [t.id, t]));
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    const title = byId.get(c.titleId);
    if (!title) continue;
    const params = { title: title.name, code: title.code, name: c.name };
    if ((title.scope === 'COLLECTIVE') !== (c.unitId !== null && c.personId === null)) {
      problems.push({ rule: 'scope', titleId: title.id, key: title.scope === 'COLLECTIVE' ? 'awards.rules.collectiveOnly' : 'awards.rules.individualOnly', params });
      continue;
    }
    if (!c.participant) problems.push({ rule: 'notParticipant', titleId: title.id, key: 'awards.rules.notParticipant', params });
    const key = awardeeKey(c.titleId, c.unitId, c.personId);
    const where = facts.heldElsewhere.get(key);
    if (seen.has(key)) problems.push({ rule: 'duplicate', titleId: title.id, key: 'awards.rules.duplicateHere', params });
    else if (where) problems.push({ rule: 'duplicate', titleId: title.id, key: where.kind === 'award' ? 'awards.rules.duplicateAward' : 'awards.rules.duplicateProposal', params: { ...params, ref: where.ref } });
    seen.add(key);
  }
  if (facts.oneAward !== false) problems.push(...oneAwardProblems(candidates, facts, byId));
  return problems;
}

const awardee = (c: { unitId: number | null; personId: number | null }) => (c.personId !== null ? `p${c.personId}` : `u${c.unitId}`);
const formOf = (t: QuotaTitle) => ({ code: t.catalogCode ?? t.code, combinesWith: t.combinesWith ?? [], title: t.name });
const combine = (a: { code: string; combinesWith: string[] }, b: { code: string; combinesWith: string[] }) => a.code === b.code || a.combinesWith.includes(b.code) || b.combinesWith.includes(a.code);

/** One achievement, one award: two different forms for the same awardee in one campaign, unless they combine. */
function oneAwardProblems(candidates: Candidate[], facts: QuotaFacts, byId: Map<number, QuotaTitle>): Problem[] {
  const problems: Problem[] = [];
  const here = new Map<string, { titleId: number; form: ReturnType<typeof formOf> }[]>();
  for (const c of candidates) {
    const title = byId.get(c.titleId);
    if (!title) continue;
    const form = formOf(title);
    const who = awardee(c);
    const params = { title: title.name, code: title.code, name: c.name };
    const clashHere = (here.get(who) ?? []).find((o) => o.titleId !== title.id && !combine(o.form, form));
    const clashElsewhere = (facts.formsElsewhere?.get(who) ?? []).find((o) => o.code !== form.code && !combine(o, form));
    if (clashHere) problems.push({ rule: 'oneAward', titleId: title.id, key: 'awards.rules.oneAwardHere', params: { ...params, other: clashHere.form.title } });
    else if (clashElsewhere) problems.push({ rule: 'oneAward', titleId: title.id, key: clashElsewhere.where.kind === 'award' ? 'awards.rules.oneAwardAward' : 'awards.rules.oneAwardProposal', params: { ...params, other: clashElsewhere.title, ref: clashElsewhere.where.ref } });
    here.set(who, [...(here.get(who) ?? []), { titleId: title.id, form }]);
  }
  return problems;
}

/** Every rule: holding (above), eligibility per candidate, then the quota per title. Empty = the proposal may go on. */
export function checkProposal(candidates: Candidate[], facts: QuotaFacts): Problem[] {
  const problems = checkHolding(candidates, facts);
  const byId = new Map(facts.titles.map((t) => [t.id, t]));
  for (const c of candidates) {
    const title = byId.get(c.titleId);
    if (!title) continue;
    const params = { title: title.name, code: title.code, name: c.name };
    if (!meetsClass(c.class, title.minClass)) {
      problems.push({ rule: 'minClass', titleId: title.id, key: c.class ? 'awards.rules.minClass' : 'awards.rules.unranked', params: { ...params, class: c.class ?? '', min: title.minClass ?? '' } });
    }
    if (title.requiresRegistration && !c.registered) {
      problems.push({ rule: 'registration', titleId: title.id, key: title.scope === 'COLLECTIVE' ? 'awards.rules.notRegistered' : 'awards.rules.personNotRegistered', params });
    }
  }
  for (const line of quotaLines(candidates, facts)) {
    if (!line.over) continue;
    const t = line.title;
    problems.push({
      rule: 'quota',
      titleId: t.id,
      key: quotaKey(t, line.usedElsewhere > 0),
      params: { title: t.name, code: t.code, count: line.proposed + line.usedElsewhere, proposed: line.proposed, elsewhere: line.usedElsewhere, percent: t.quotaPercent ?? 0, base: line.base, max: line.limit ?? 0, ...(t.quotaBaseCode ? { baseCode: t.quotaBaseCode } : {}) },
    });
  }
  return problems;
}

/** The refusal message of a quota, by what it is a share of. */
function quotaKey(t: QuotaTitle, elsewhere: boolean): string {
  const kind = baseKindOf(t);
  if (kind === 'HEADCOUNT' || kind === 'HOLDERS') return `awards.rules.quota${kind === 'HEADCOUNT' ? 'Headcount' : 'Holders'}${elsewhere ? 'Elsewhere' : ''}`;
  const unitsWord = kind === 'UNITS' || t.scope === 'COLLECTIVE';
  return `awards.rules.quota${unitsWord ? 'Units' : 'People'}${elsewhere ? 'Elsewhere' : ''}`;
}
