// Candidate suggestions for a proposal, per title, from the ranking, the classes and the pledges' registrations.
import type { ClassCode } from '../ranking/types.ts';
import { awardeeKey, meetsClass, quotaLimit, type Holder } from '../lib/quotas.ts';
import type { AwardFacts, Pick, TitleRow } from './facts.ts';

/** "5-u3" (title 5, unit 3) or "5-p8" (title 5, person 8): the value of a candidate checkbox. */
export function pickValue(p: Pick): string {
  return p.personId !== null ? `${p.titleId}-p${p.personId}` : `${p.titleId}-u${p.unitId}`;
}

export function parsePickValue(v: string): Pick | null {
  const m = /^(\d{1,9})-([up])(\d{1,9})$/.exec(v);
  if (!m) return null;
  const id = Number(m[3]);
  return { titleId: Number(m[1]), unitId: m[2] === 'u' ? id : null, personId: m[2] === 'p' ? id : null };
}

export type UnitRow = {
  value: string;
  unitId: number;
  code: string;
  name: string;
  rank: number;
  class: ClassCode;
  total: number;
  registered: boolean;
  pledgeStatus: string | null;
  /** registered, or the title does not ask for it */
  eligible: boolean;
  held: Holder | null;
  suggested: boolean;
  /** the other title this unit is pre-ticked for, or holds (one achievement, one title): then not pre-ticked here */
  otherTitle: { code: string; name: string } | null;
  /** eligible and free, but beyond what the quota leaves */
  beyondQuota: boolean;
};

export type PersonRow = {
  value: string;
  personId: number;
  fullName: string;
  rank: string | null;
  position: string | null;
  unitName: string;
  unitClass: ClassCode | null;
  commitment: string | null;
  pledgeStatus: string;
  eligible: boolean;
  held: Holder | null;
};

export type TitleSuggestions = {
  title: TitleRow;
  base: number;
  limit: number | null;
  usedElsewhere: number;
  /** units in rank order whose class reaches the title's minimum (collective titles) */
  units: UnitRow[];
  /** participating units below the minimum class, not listed */
  belowClass: number;
  /** people registered for the title (individual titles) */
  people: PersonRow[];
};

const CLASS_ORDER: readonly string[] = ['XUAT_SAC', 'TOT', 'KHA', 'TRUNG_BINH', 'YEU'];

/**
 * The order in which collective titles are offered to a unit when pre-ticking, highest first: titles before
 * commendations, then the stricter minimum class, then the smaller quota (the rarer title), then the campaign's order.
 */
export function titlePrecedence(a: TitleRow, b: TitleRow): number {
  const kind = (x: TitleRow) => (x.kind === 'TITLE' ? 0 : 1);
  const cls = (x: TitleRow) => (x.minClass ? CLASS_ORDER.indexOf(x.minClass) : CLASS_ORDER.length);
  const quota = (x: TitleRow) => x.quotaPercent ?? Infinity;
  return kind(a) - kind(b) || cls(a) - cls(b) || quota(a) - quota(b) || a.order - b.order || a.id - b.id;
}

/**
 * Which units to pre-tick for which collective title. One achievement earns one title, so each unit is pre-ticked
 * at most once: for the highest title (titlePrecedence) it is eligible for and free to take while that title's
 * quota leaves room. A unit already holding, or already in this proposal for, any of the campaign's titles is not
 * pre-ticked again. Returns unit id → title id.
 */
export function preTicks(facts: AwardFacts, exclude: Set<string>): Map<number, number> {
  const out = new Map<number, number>();
  const taken = new Set<number>();
  for (const v of exclude) {
    const p = parsePickValue(v);
    if (p?.unitId) taken.add(p.unitId);
  }
  for (const key of facts.heldElsewhere.keys()) {
    const m = /^t\d+:u(\d+)$/.exec(key);
    if (m) taken.add(Number(m[1]));
  }
  const titles = facts.titles.filter((t) => t.scope === 'COLLECTIVE').sort(titlePrecedence);
  for (const title of titles) {
    const limit = quotaLimit(title.quotaPercent, facts.participatingUnits);
    const own = [...exclude].filter((v) => v.startsWith(`${title.id}-`)).length;
    let room = limit === null ? Infinity : Math.max(0, limit - (facts.usedElsewhere.get(title.id) ?? 0) - own);
    for (const u of facts.standings.standings) {
      if (room <= 0) break;
      if (taken.has(u.unitId) || !meetsClass(u.class, title.minClass)) continue;
      if (title.requiresRegistration && !facts.unitRegistered.has(`${title.id}:${u.unitId}`)) continue;
      out.set(u.unitId, title.id);
      taken.add(u.unitId);
      room -= 1;
    }
  }
  return out;
}

/**
 * For each title: collective titles list the units whose class reaches the minimum, in rank order, and pre-select
 * ("suggest") eligible free ones up to what the quota leaves, each unit for one title only (preTicks); individual
 * titles list the people registered for them (not pre-selected). Lines in `exclude` (already in the proposal being
 * edited) are left out and use up their share of the quota.
 */
export function suggestions(facts: AwardFacts, exclude: Set<string> = new Set()): TitleSuggestions[] {
  const ticks = preTicks(facts, exclude);
  const titleById = new Map(facts.titles.map((t) => [t.id, t]));
  // a title the unit already holds or is proposed for (elsewhere, or in this proposal)
  const holding = (unitId: number, except: number) =>
    facts.titles.find((t) => t.id !== except && t.scope === 'COLLECTIVE' && (facts.heldElsewhere.has(awardeeKey(t.id, unitId, null)) || exclude.has(pickValue({ titleId: t.id, unitId, personId: null })))) ?? null;
  return facts.titles.map((title) => {
    const usedElsewhere = facts.usedElsewhere.get(title.id) ?? 0;
    if (title.scope === 'COLLECTIVE') {
      const base = facts.participatingUnits;
      const limit = quotaLimit(title.quotaPercent, base);
      const reaching = facts.standings.standings.filter((u) => meetsClass(u.class, title.minClass));
      const units: UnitRow[] = [];
      for (const u of reaching) {
        const pick = { titleId: title.id, unitId: u.unitId, personId: null };
        if (exclude.has(pickValue(pick))) continue;
        const registered = facts.unitRegistered.has(`${title.id}:${u.unitId}`);
        const eligible = registered || !title.requiresRegistration;
        const held = facts.heldElsewhere.get(awardeeKey(title.id, u.unitId, null)) ?? null;
        const free = eligible && !held;
        const tickedFor = ticks.get(u.unitId);
        const suggested = free && tickedFor === title.id;
        const other = suggested ? null : tickedFor !== undefined && tickedFor !== title.id ? (titleById.get(tickedFor) ?? null) : held ? null : holding(u.unitId, title.id);
        units.push({
          value: pickValue(pick),
          unitId: u.unitId,
          code: u.code,
          name: u.name,
          rank: u.rank,
          class: u.class,
          total: u.total,
          registered,
          pledgeStatus: facts.pledgeStatus.get(u.unitId) ?? null,
          eligible,
          held,
          suggested,
          otherTitle: other ? { code: other.code, name: other.name } : null,
          beyondQuota: free && !suggested && !other,
        });
      }
      return { title, base, limit, usedElsewhere, units, belowClass: facts.standings.standings.length - reaching.length, people: [] };
    }
    const base = facts.registeredPeople.get(title.id) ?? 0;
    const people: PersonRow[] = facts.registrations
      .filter((r) => r.titleId === title.id && !exclude.has(pickValue({ titleId: title.id, unitId: null, personId: r.personId })))
      .map((r) => {
        const unitClass = facts.standingOf.get(r.unitId)?.class ?? null;
        return {
          value: pickValue({ titleId: title.id, unitId: null, personId: r.personId }),
          personId: r.personId,
          fullName: r.fullName,
          rank: r.rank,
          position: r.position,
          unitName: r.unitName,
          unitClass,
          commitment: r.commitment,
          pledgeStatus: r.pledgeStatus,
          eligible: meetsClass(unitClass, title.minClass),
          held: facts.heldElsewhere.get(awardeeKey(title.id, null, r.personId)) ?? null,
        };
      });
    return { title, base, limit: quotaLimit(title.quotaPercent, base), usedElsewhere, units: [], belowClass: 0, people };
  });
}
