// Quotas (tỷ lệ) and eligibility for award proposals: pure rules, no I/O. The awards service gathers the facts
// (titles, the ranking's classes, registrations, what other proposals and awards already hold) and asks here.
//
// Quota. A title's quota is a share of a base: the campaign's participating units for a collective title, the
// people registered for that title for an individual one. The allowed count is ROUNDED DOWN:
//   max = floor(base × percent / 100)        e.g. 20% of 15 units → 3, 30% of 15 → 4, 7% of 15 → 1
// computed in hundredths of a percent so that no floating-point error moves the floor. No quota = no cap.
// Usage counts the candidates of the proposal being checked plus those other proposals already submitted,
// approved or decided (awards later revoked do not count).
//
// Eligibility. A candidate's class must reach the title's minimum class (an individual reads the class of their
// unit); if the title requires registration, the unit must have registered for it in its pledge (an individual:
// an individual registration for that title). The same unit or person may hold a title only once per campaign,
// whichever proposal or award holds it ("one achievement, one award").
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
};

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
};

/** Where an awardee already holds a title: another proposal (its id) or an award (its decision number). */
export type Holder = { kind: 'proposal' | 'award'; ref: string };

export type Rule = 'quota' | 'minClass' | 'registration' | 'duplicate' | 'notParticipant' | 'scope' | 'reason' | 'empty';

/** A refusal: which rule, a translation key (awards.rules.*) and the numbers the message names. */
export type Problem = { rule: Rule; titleId: number; key: string; params: Record<string, string | number> };

/** "t5:u3" or "t5:p8": one title for one awardee. */
export function awardeeKey(titleId: number, unitId: number | null, personId: number | null): string {
  return personId !== null ? `t${titleId}:p${personId}` : `t${titleId}:u${unitId}`;
}

/** Per title: how many candidates this proposal has, how many are used elsewhere, the base and the limit. */
export type QuotaLine = { title: QuotaTitle; proposed: number; usedElsewhere: number; base: number; limit: number | null; over: boolean };

export function quotaLines(candidates: Candidate[], facts: QuotaFacts): QuotaLine[] {
  return facts.titles.flatMap((title) => {
    const proposed = candidates.filter((c) => c.titleId === title.id).length;
    if (proposed === 0) return [];
    const base = title.scope === 'COLLECTIVE' ? facts.participatingUnits : (facts.registeredPeople.get(title.id) ?? 0);
    const limit = quotaLimit(title.quotaPercent, base);
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
      key: t.scope === 'COLLECTIVE' ? (line.usedElsewhere ? 'awards.rules.quotaUnitsElsewhere' : 'awards.rules.quotaUnits') : line.usedElsewhere ? 'awards.rules.quotaPeopleElsewhere' : 'awards.rules.quotaPeople',
      params: { title: t.name, code: t.code, count: line.proposed + line.usedElsewhere, proposed: line.proposed, elsewhere: line.usedElsewhere, percent: t.quotaPercent ?? 0, base: line.base, max: line.limit ?? 0 },
    });
  }
  return problems;
}
