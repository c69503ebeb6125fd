import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dependencyOrder, runReview, type EngineRule, type EngineTitle, type PersonFacts, type YearFacts } from '../../src/lib/eligibility.ts';

const T = (code: string, scope: 'INDIVIDUAL' | 'COLLECTIVE', rank: number, over: Partial<EngineTitle> = {}): EngineTitle => ({ code, scope, rank, quotaBase: 'NONE', quotaPercent: null, quotaBaseCode: null, combinesWith: [], ...over });
const R = (code: string, titleCode: string, kind: string, params: Record<string, unknown> = {}, version = 1): EngineRule => ({ code, titleCode, kind, params, version, enabled: true });
const TITLES = [
  T('CSTT', 'INDIVIDUAL', 10, { quotaBase: 'HEADCOUNT', quotaPercent: 40 }),
  T('CSTDCS', 'INDIVIDUAL', 20, { quotaBase: 'HOLDERS', quotaPercent: 50, quotaBaseCode: 'CSTT', combinesWith: ['CSTT'] }),
  T('CSTD_TQUAN', 'INDIVIDUAL', 30, { combinesWith: ['CSTDCS', 'CSTT'] }),
  T('GK_CN', 'INDIVIDUAL', 5),
  T('DVTT', 'COLLECTIVE', 10),
  T('DVQT', 'COLLECTIVE', 20, { quotaBase: 'UNITS', quotaPercent: 50, combinesWith: ['DVTT'] }),
];
const RULES = [
  R('CSTT_TASK', 'CSTT', 'TASK_LEVEL', { minLevel: 'GOOD' }),
  R('CSTT_TRAINING', 'CSTT', 'TRAINING', { minPassedPercent: 100, minGoodPercent: 50 }),
  R('CSTT_DISCIPLINE', 'CSTT', 'DISCIPLINE', { excludedFrom: 'WARNING' }),
  R('CSTDCS_CSTT', 'CSTDCS', 'SAME_YEAR_TITLE', { titleCode: 'CSTT' }),
  R('CSTDCS_INITIATIVE', 'CSTDCS', 'INITIATIVE', { minLevel: 'REGIMENT', minCount: 1 }),
  R('CSTD_TQUAN_CHAIN', 'CSTD_TQUAN', 'CHAIN_YEARS', { titleCode: 'CSTDCS', years: 3 }),
  R('DVTT_MEMBERS_CSTT', 'DVTT', 'MEMBER_SHARE', { titleCode: 'CSTT', minPercent: 50, strict: true }),
  R('DVTT_DISCIPLINE', 'DVTT', 'MEMBER_DISCIPLINE', { excludedFrom: 'WARNING' }),
  R('DVQT_DVTT', 'DVQT', 'SAME_YEAR_TITLE', { titleCode: 'DVTT' }),
  R('DVQT_MEMBERS_CSTDCS', 'DVQT', 'MEMBER_COUNT', { titleCode: 'CSTDCS', minCount: 1 }),
  { ...R('ONE_AWARD', '', 'ONE_AWARD'), titleCode: null },
];
const good = { taskLevel: 'GOOD' as const, testsPassedPercent: 100, goodPercent: 60, discipline: 'NONE' as const };
const P = (id: number, unitId: number, over: Partial<PersonFacts> = {}): PersonFacts => ({ id, unitId, name: `P${id}`, assessment: good, initiatives: [], ...over });

function facts(over: Partial<YearFacts> = {}): YearFacts {
  return {
    year: 2021,
    titles: TITLES,
    rules: RULES,
    people: [P(1, 1, { assessment: { ...good, taskLevel: 'EXCELLENT' }, initiatives: [{ level: 'PROVINCE', recognised: true }] }), P(2, 1), P(3, 2, { assessment: { ...good, discipline: 'WARNING' } })],
    units: [{ id: 1, name: 'A', headcount: 5, standing: 2 }, { id: 2, name: 'B', headcount: 5, standing: 1 }],
    participantIds: [1, 2],
    held: new Map([['p1', new Map([[2019, new Set(['CSTDCS'])], [2020, new Set(['CSTDCS'])]])]]),
    registrations: [
      ...[1, 2, 3].flatMap((id) => [{ titleCode: 'CSTT', unitId: id === 3 ? 2 : 1, personId: id }, { titleCode: 'CSTDCS', unitId: id === 3 ? 2 : 1, personId: id }]),
      { titleCode: 'CSTD_TQUAN', unitId: 1, personId: 1 },
      { titleCode: 'DVTT', unitId: 1, personId: null },
      { titleCode: 'DVQT', unitId: 1, personId: null },
      { titleCode: 'DVTT', unitId: 2, personId: null },
      { titleCode: 'DVQT', unitId: 2, personId: null },
    ],
    ...over,
  };
}
const verdict = (r: ReturnType<typeof runReview>, code: string, key: string) => r.verdicts.find((v) => v.titleCode === code && `${v.subject.kind[0]}${v.subject.id}` === key)!;
const check = (r: ReturnType<typeof runReview>, code: string, key: string, rule: string) => verdict(r, code, key).checks.find((c) => c.rule === rule)!;

test('titles are judged after the titles their rules and quota base name', () => {
  const order = dependencyOrder(TITLES, RULES);
  assert.ok(order.indexOf('CSTT') < order.indexOf('CSTDCS'));
  assert.ok(order.indexOf('CSTDCS') < order.indexOf('CSTD_TQUAN'));
  assert.ok(order.indexOf('DVTT') < order.indexOf('DVQT'));
  assert.ok(order.indexOf('CSTDCS') < order.indexOf('DVQT'), 'DVQT counts members holding CSTDCS');
});

test('each rule says met or not with its numbers and version', () => {
  const r = runReview(facts());
  assert.equal(verdict(r, 'CSTT', 'p1').withinQuota, true);
  assert.deepEqual(check(r, 'CSTT', 'p3', 'CSTT_DISCIPLINE'), { rule: 'CSTT_DISCIPLINE', version: 1, kind: 'DISCIPLINE', met: false, key: 'review.rule.discipline', params: { disc: 'WARNING', excluded: 'WARNING' } });
  assert.deepEqual(check(r, 'CSTDCS', 'p3', 'CSTDCS_CSTT').params, { title: 'CSTT', year: 2021 });
  assert.equal(check(r, 'CSTDCS', 'p3', 'CSTDCS_CSTT').met, false);
  assert.equal(check(r, 'CSTDCS', 'p2', 'CSTDCS_INITIATIVE').met, false);
  assert.equal(check(r, 'CSTDCS', 'p2', 'CSTDCS_INITIATIVE').params.count, 0);
  assert.equal(check(r, 'CSTDCS', 'p1', 'CSTDCS_CSTT').key, 'review.rule.sameYear.granted');
  assert.deepEqual(check(r, 'CSTD_TQUAN', 'p1', 'CSTD_TQUAN_CHAIN').params, { title: 'CSTDCS', count: 3, years: 3, from: 2019, to: 2021 });
  // unit A: 2 of 2 members CSTT → DVTT; DVQT needs DVTT (granted) and a CSTĐCS member (P1)
  assert.deepEqual(check(r, 'DVTT', 'u1', 'DVTT_MEMBERS_CSTT').params, { title: 'CSTT', count: 2, members: 2, share: 100, min: 50 });
  assert.equal(verdict(r, 'DVQT', 'u1').eligible, true);
  // unit B: its only member was disciplined at cảnh cáo → no CSTT, no DVTT, so no DVQT
  assert.equal(check(r, 'DVTT', 'u2', 'DVTT_DISCIPLINE').params.count, 1);
  assert.equal(check(r, 'DVQT', 'u2', 'DVQT_DVTT').met, false);
});

test('quotas: headcount and holders bases, rounded down, merit order inside', () => {
  const r = runReview(facts());
  const q = (code: string) => r.quotas.find((x) => x.titleCode === code)!;
  assert.deepEqual([q('CSTT').baseCount, q('CSTT').places], [10, 4]); // 40% of headcount 5 + 5
  assert.deepEqual([q('CSTDCS').baseCount, q('CSTDCS').places], [2, 1]); // 50% of the 2 CSTT holders
  assert.deepEqual([q('DVQT').baseCount, q('DVQT').places], [2, 1]); // 50% of 2 units
  const tight = runReview(facts({ units: [{ id: 1, name: 'A', headcount: 2, standing: 2 }, { id: 2, name: 'B', headcount: 0, standing: 1 }] }));
  assert.equal(tight.quotas.find((x) => x.titleCode === 'CSTT')!.places, 0, '40% of 2 = 0.8 → 0');
  assert.equal(verdict(tight, 'CSTT', 'p1').withinQuota, false);
  assert.equal(check(tight, 'CSTDCS', 'p1', 'CSTDCS_CSTT').met, false, 'a prerequisite outside its quota does not count');
});

test('a rule switched off no longer refuses; one achievement keeps the higher form when two do not combine', () => {
  const off = runReview(facts({ rules: RULES.map((r) => (r.code === 'CSTT_DISCIPLINE' ? { ...r, enabled: false, version: 2 } : r)) }));
  assert.equal(verdict(off, 'CSTT', 'p3').eligible, true);
  const both = runReview(facts({ registrations: [{ titleCode: 'CSTT', unitId: 1, personId: 2 }, { titleCode: 'GK_CN', unitId: 1, personId: 2 }] }));
  assert.equal(verdict(both, 'CSTT', 'p2').withinQuota, true);
  const gk = verdict(both, 'GK_CN', 'p2');
  assert.equal(gk.withinQuota, false);
  assert.deepEqual(gk.checks.at(-1)!.params, { title: 'GK_CN', other: 'CSTT' });
});
