// The eligibility engine of the year-end review (bình xét cuối năm): pure rules, no I/O. The review service loads
// one year's facts (catalogue, rules as data, verified assessments, titles held by year, recognised initiatives,
// members and headcounts, registrations) and asks here which candidate meets which title, with the numbers.
//
// Titles are evaluated in dependency order (a title after every title its rules or its quota base name: CSTT before
// CSTĐCS, ĐVTT before ĐVQT, individual titles before the unit titles that count their members). A same-year
// prerequisite counts when it is held (awarded that year) or met in this review AND within its quota. Within a title,
// eligible candidates are ordered by merit and the first `places` are within the quota.
import { quotaLimit } from './quotas.ts';

export type Level = 'REGIMENT' | 'PROVINCE' | 'MILITARY_REGION' | 'MINISTRY' | 'GOVERNMENT' | 'STATE';
export type Task = 'EXCELLENT' | 'GOOD' | 'COMPLETED' | 'NOT_COMPLETED';
export type Discipline = 'NONE' | 'REPRIMAND' | 'WARNING' | 'DEMOTION' | 'DISMISSAL';
export type Base = 'NONE' | 'UNITS' | 'REGISTERED' | 'HEADCOUNT' | 'HOLDERS';

export const LEVELS: readonly Level[] = ['REGIMENT', 'PROVINCE', 'MILITARY_REGION', 'MINISTRY', 'GOVERNMENT', 'STATE'];
/** from the best */
export const TASKS: readonly Task[] = ['EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED'];
/** from none up */
export const DISCIPLINES: readonly Discipline[] = ['NONE', 'REPRIMAND', 'WARNING', 'DEMOTION', 'DISMISSAL'];

export type EngineTitle = {
  code: string;
  scope: 'COLLECTIVE' | 'INDIVIDUAL';
  rank: number;
  quotaBase: Base;
  quotaPercent: number | null;
  quotaBaseCode: string | null;
  combinesWith: string[];
};
export type EngineRule = { code: string; titleCode: string | null; kind: string; params: Record<string, unknown>; version: number; enabled: boolean };
export type Assessment = { taskLevel: Task; testsPassedPercent: number; goodPercent: number; discipline: Discipline };
export type PersonFacts = {
  id: number;
  unitId: number;
  name: string;
  /** the VERIFIED assessment of the year; null when there is none */
  assessment: Assessment | null;
  /** initiatives of the year this person co-authored: level, and whether a decision recognised it */
  initiatives: { level: Level; recognised: boolean }[];
};
export type UnitFacts = { id: number; name: string; headcount: number | null; /** standing in the year's campaign results, 1 = first */ standing: number | null };
export type YearFacts = {
  year: number;
  titles: EngineTitle[];
  rules: EngineRule[];
  people: PersonFacts[];
  units: UnitFacts[];
  /** units taking part in the year's campaigns: the base of UNITS and HEADCOUNT quotas */
  participantIds: number[];
  /** "u12" or "p34" → year → codes held (non-revoked awards of catalogue titles) */
  held: Map<string, Map<number, Set<string>>>;
  registrations: { titleCode: string; unitId: number; personId: number | null }[];
};

export type Params = Record<string, string | number>;
/** One rule applied to one candidate: met or not, with a message key and its numbers. */
export type Check = { rule: string; version: number; kind: string; met: boolean; key: string; params: Params };
export type Subject = { kind: 'unit' | 'person'; id: number; unitId: number; name: string };
export type Verdict = { titleCode: string; subject: Subject; checks: Check[]; eligible: boolean; withinQuota: boolean; order: number | null };
export type QuotaLine = { titleCode: string; base: Base; baseCode: string | null; baseCount: number; percent: number | null; places: number | null; eligible: number; within: number };
export type Review = { order: string[]; verdicts: Verdict[]; quotas: QuotaLine[] };

export const subjectKey = (s: { kind: 'unit' | 'person'; id: number }) => (s.kind === 'unit' ? `u${s.id}` : `p${s.id}`);
const num = (v: unknown, d = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : d);
const str = (v: unknown, d = '') => (typeof v === 'string' ? v : d);
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10000) / whole) / 100 : 0);

/** Titles in an order where each comes after the titles its rules and quota base depend on (ties: scope, then rank). */
export function dependencyOrder(titles: EngineTitle[], rules: EngineRule[]): string[] {
  const codes = new Set(titles.map((t) => t.code));
  const deps = new Map(titles.map((t) => [t.code, new Set<string>()]));
  for (const t of titles) if (t.quotaBaseCode && codes.has(t.quotaBaseCode) && t.quotaBaseCode !== t.code) deps.get(t.code)!.add(t.quotaBaseCode);
  for (const r of rules) {
    const dep = str(r.params.titleCode);
    if (r.enabled && r.titleCode && codes.has(r.titleCode) && codes.has(dep) && dep !== r.titleCode) deps.get(r.titleCode)!.add(dep);
  }
  const sorted = [...titles].sort((a, b) => (a.scope === b.scope ? a.rank - b.rank : a.scope === 'INDIVIDUAL' ? -1 : 1) || a.code.localeCompare(b.code));
  const out: string[] = [];
  const done = new Set<string>();
  while (out.length < sorted.length) {
    const next = sorted.find((t) => !done.has(t.code) && [...deps.get(t.code)!].every((d) => done.has(d))) ?? sorted.find((t) => !done.has(t.code))!; // a cycle: take the next by rank
    out.push(next.code);
    done.add(next.code);
  }
  return out;
}

type State = { facts: YearFacts; granted: Map<string, Set<string>>; membersOf: Map<number, PersonFacts[]> };

function holds(st: State, key: string, code: string, year: number): 'held' | 'granted' | null {
  if (st.facts.held.get(key)?.get(year)?.has(code)) return 'held';
  if (year === st.facts.year && st.granted.get(code)?.has(key)) return 'granted';
  return null;
}

/** One rule for one candidate. */
function evaluate(st: State, rule: EngineRule, s: Subject, person: PersonFacts | null): Check {
  const p = rule.params;
  const y = st.facts.year;
  const key = subjectKey(s);
  const base = { rule: rule.code, version: rule.version, kind: rule.kind };
  const a = person?.assessment ?? null;
  const noAssessment = (): Check => ({ ...base, met: false, key: 'review.rule.noAssessment', params: { year: y } });
  switch (rule.kind) {
    case 'SAME_YEAR_TITLE': {
      const code = str(p.titleCode);
      const how = holds(st, key, code, y);
      return { ...base, met: how !== null, key: how === 'held' ? 'review.rule.sameYear.held' : how === 'granted' ? 'review.rule.sameYear.granted' : 'review.rule.sameYear.unmet', params: { title: code, year: y } };
    }
    case 'CHAIN_YEARS': {
      const code = str(p.titleCode);
      const need = Math.max(1, num(p.years, 1));
      let streak = 0;
      while (streak < 50 && holds(st, key, code, y - streak)) streak++;
      return { ...base, met: streak >= need, key: 'review.rule.chain', params: { title: code, count: streak, years: need, from: y - need + 1, to: y } };
    }
    case 'INITIATIVE': {
      if (!person) return { ...base, met: false, key: 'review.rule.notPerson', params: {} };
      const min = LEVELS.indexOf(str(p.minLevel, 'REGIMENT') as Level);
      const need = Math.max(1, num(p.minCount, 1));
      const count = person.initiatives.filter((i) => i.recognised && LEVELS.indexOf(i.level) >= min).length;
      const unrecognised = person.initiatives.filter((i) => !i.recognised).length;
      return { ...base, met: count >= need, key: unrecognised ? 'review.rule.initiativeUnrecognised' : 'review.rule.initiative', params: { count, min: need, level: LEVELS[Math.max(0, min)], year: y, unrecognised } };
    }
    case 'TASK_LEVEL': {
      if (!a) return noAssessment();
      const min = str(p.minLevel, 'GOOD') as Task;
      return { ...base, met: TASKS.indexOf(a.taskLevel) <= TASKS.indexOf(min), key: 'review.rule.task', params: { task: a.taskLevel, minTask: min } };
    }
    case 'TRAINING': {
      if (!a) return noAssessment();
      const minPassed = num(p.minPassedPercent, 100);
      const minGood = num(p.minGoodPercent, 50);
      return { ...base, met: a.testsPassedPercent >= minPassed && a.goodPercent >= minGood, key: 'review.rule.training', params: { passed: a.testsPassedPercent, minPassed, good: a.goodPercent, minGood } };
    }
    case 'DISCIPLINE': {
      if (!a) return noAssessment();
      const from = str(p.excludedFrom, 'WARNING') as Discipline;
      return { ...base, met: DISCIPLINES.indexOf(a.discipline) < DISCIPLINES.indexOf(from), key: a.discipline === 'NONE' ? 'review.rule.disciplineNone' : 'review.rule.discipline', params: { disc: a.discipline, excluded: from } };
    }
    case 'MEMBER_SHARE':
    case 'MEMBER_COUNT': {
      if (s.kind !== 'unit') return { ...base, met: false, key: 'review.rule.notUnit', params: {} };
      const code = str(p.titleCode);
      const members = st.membersOf.get(s.id) ?? [];
      const count = members.filter((m) => holds(st, `p${m.id}`, code, y)).length;
      if (rule.kind === 'MEMBER_COUNT') {
        const need = Math.max(1, num(p.minCount, 1));
        return { ...base, met: count >= need, key: 'review.rule.memberCount', params: { title: code, count, min: need } };
      }
      const min = num(p.minPercent, 50);
      const share = pct(count, members.length);
      const strict = p.strict !== false;
      return { ...base, met: members.length > 0 && (strict ? share > min : share >= min), key: strict ? 'review.rule.memberShareAbove' : 'review.rule.memberShare', params: { title: code, count, members: members.length, share, min } };
    }
    case 'MEMBER_DISCIPLINE': {
      if (s.kind !== 'unit') return { ...base, met: false, key: 'review.rule.notUnit', params: {} };
      const from = str(p.excludedFrom, 'WARNING') as Discipline;
      const count = (st.membersOf.get(s.id) ?? []).filter((m) => m.assessment && DISCIPLINES.indexOf(m.assessment.discipline) >= DISCIPLINES.indexOf(from)).length;
      return { ...base, met: count === 0, key: 'review.rule.memberDiscipline', params: { count, excluded: from } };
    }
    default:
      return { ...base, met: true, key: 'review.rule.unknown', params: {} };
  }
}

/** Merit order: units by their standing (unknown last), people by task level then training, then by name. */
function byMerit(a: { s: Subject; p: PersonFacts | null; u: UnitFacts | null }, b: typeof a): number {
  if (a.s.kind === 'unit') return (a.u?.standing ?? 1e9) - (b.u?.standing ?? 1e9) || a.s.name.localeCompare(b.s.name, 'vi');
  const x = a.p?.assessment;
  const y = b.p?.assessment;
  const t = (v: typeof x) => (v ? TASKS.indexOf(v.taskLevel) : 9);
  return t(x) - t(y) || (y?.goodPercent ?? -1) - (x?.goodPercent ?? -1) || (y?.testsPassedPercent ?? -1) - (x?.testsPassedPercent ?? -1) || a.s.name.localeCompare(b.s.name, 'vi');
}

/** The quota base of a title at review time (HOLDERS: those holding the base title that year, held or granted). */
function baseCount(st: State, t: EngineTitle): number {
  const f = st.facts;
  const parts = new Set(f.participantIds);
  switch (t.quotaBase) {
    case 'UNITS':
      return parts.size;
    case 'REGISTERED':
      return new Set(f.registrations.filter((r) => r.titleCode === t.code).map((r) => (r.personId === null ? `u${r.unitId}` : `p${r.personId}`))).size;
    case 'HEADCOUNT':
      return f.units.filter((u) => parts.has(u.id)).reduce((sum, u) => sum + (u.headcount ?? 0), 0);
    case 'HOLDERS': {
      const code = t.quotaBaseCode ?? '';
      const keys = new Set(st.granted.get(code) ?? []);
      for (const [k, years] of f.held) if (years.get(f.year)?.has(code)) keys.add(k);
      return [...keys].filter((k) => k.startsWith(t.scope === 'INDIVIDUAL' ? 'p' : 'u')).length;
    }
    default:
      return 0;
  }
}

/** Judge every registered candidate for every title of the year, in dependency order, within the quotas. */
export function runReview(facts: YearFacts): Review {
  const membersOf = new Map<number, PersonFacts[]>();
  for (const p of facts.people) membersOf.set(p.unitId, [...(membersOf.get(p.unitId) ?? []), p]);
  const st: State = { facts, granted: new Map(), membersOf };
  const people = new Map(facts.people.map((p) => [p.id, p]));
  const units = new Map(facts.units.map((u) => [u.id, u]));
  const order = dependencyOrder(facts.titles, facts.rules);
  const titles = new Map(facts.titles.map((t) => [t.code, t]));
  const verdicts: Verdict[] = [];
  const quotas: QuotaLine[] = [];
  for (const code of order) {
    const t = titles.get(code)!;
    const rules = facts.rules.filter((r) => r.enabled && r.titleCode === code);
    const seen = new Set<string>();
    const cands = facts.registrations
      .filter((r) => r.titleCode === code && (t.scope === 'INDIVIDUAL') === (r.personId !== null))
      .flatMap((r) => {
        const p = r.personId === null ? null : (people.get(r.personId) ?? null);
        const u = units.get(p?.unitId ?? r.unitId) ?? null;
        if ((r.personId !== null && !p) || !u) return [];
        const s: Subject = p ? { kind: 'person', id: p.id, unitId: p.unitId, name: p.name } : { kind: 'unit', id: u.id, unitId: u.id, name: u.name };
        if (seen.has(subjectKey(s))) return [];
        seen.add(subjectKey(s));
        return [{ s, p, u: p ? null : u }];
      });
    const judged = cands.map((c) => {
      const checks = rules.map((r) => evaluate(st, r, c.s, c.p));
      return { ...c, checks, eligible: checks.every((x) => x.met) };
    });
    const eligible = judged.filter((j) => j.eligible).sort(byMerit);
    const count = baseCount(st, t);
    const places = t.quotaBase === 'NONE' ? null : quotaLimit(t.quotaPercent, count);
    const within = places === null ? eligible : eligible.slice(0, places);
    st.granted.set(code, new Set(within.map((w) => subjectKey(w.s))));
    quotas.push({ titleCode: code, base: t.quotaBase, baseCode: t.quotaBaseCode, baseCount: count, percent: t.quotaPercent, places, eligible: eligible.length, within: within.length });
    const rankOf = new Map(eligible.map((e, i) => [subjectKey(e.s), i + 1]));
    for (const j of judged) {
      const k = subjectKey(j.s);
      verdicts.push({ titleCode: code, subject: j.s, checks: j.checks, eligible: j.eligible, withinQuota: st.granted.get(code)!.has(k), order: rankOf.get(k) ?? null });
    }
  }
  applyOneAward(facts, verdicts, titles);
  return { order, verdicts, quotas };
}

/** Codes A and B may go to the same awardee for the same achievement when either names the other in combinesWith. */
export function combines(a: { code: string; combinesWith: string[] }, b: { code: string; combinesWith: string[] }): boolean {
  return a.code === b.code || a.combinesWith.includes(b.code) || b.combinesWith.includes(a.code);
}

/** One achievement, one award: per awardee keep the highest titles that combine; the others leave the proposal list. */
function applyOneAward(facts: YearFacts, verdicts: Verdict[], titles: Map<string, EngineTitle>): void {
  const rule = facts.rules.find((r) => r.kind === 'ONE_AWARD' && r.enabled);
  if (!rule) return;
  const bySubject = new Map<string, Verdict[]>();
  for (const v of verdicts) if (v.withinQuota) bySubject.set(subjectKey(v.subject), [...(bySubject.get(subjectKey(v.subject)) ?? []), v]);
  for (const list of bySubject.values()) {
    const kept: EngineTitle[] = [];
    for (const v of list.sort((a, b) => titles.get(b.titleCode)!.rank - titles.get(a.titleCode)!.rank)) {
      const t = titles.get(v.titleCode)!;
      const clash = kept.find((k) => !combines(k, t));
      if (clash) {
        v.withinQuota = false;
        v.checks.push({ rule: rule.code, version: rule.version, kind: rule.kind, met: false, key: 'review.rule.oneAward', params: { title: t.code, other: clash.code } });
      } else kept.push(t);
    }
  }
}
