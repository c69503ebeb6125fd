import { test } from 'node:test';
import assert from 'node:assert/strict';
import { awardeeKey, checkHolding, checkProposal, meetsClass, quotaLimit, quotaLines, type Candidate, type QuotaFacts, type QuotaTitle } from '../../src/lib/quotas.ts';

const DVQT: QuotaTitle = { id: 1, code: 'DVQT', name: 'Đơn vị Quyết thắng', scope: 'COLLECTIVE', quotaPercent: 20, minClass: 'XUAT_SAC', requiresRegistration: true };
const GK: QuotaTitle = { id: 2, code: 'GK', name: 'Giấy khen', scope: 'COLLECTIVE', quotaPercent: 30, minClass: 'KHA', requiresRegistration: false };
const CSTT: QuotaTitle = { id: 3, code: 'CSTT', name: 'Chiến sĩ tiên tiến', scope: 'INDIVIDUAL', quotaPercent: 50, minClass: null, requiresRegistration: true };
const FREE: QuotaTitle = { id: 4, code: 'X', name: 'Không giới hạn', scope: 'COLLECTIVE', quotaPercent: null, minClass: null, requiresRegistration: false };

const facts = (over: Partial<QuotaFacts> = {}): QuotaFacts => ({
  titles: [DVQT, GK, CSTT, FREE],
  participatingUnits: 15,
  registeredPeople: new Map([[3, 5]]),
  usedElsewhere: new Map(),
  heldElsewhere: new Map(),
  ...over,
});
const unit = (titleId: number, unitId: number, over: Partial<Candidate> = {}): Candidate => ({ titleId, unitId, personId: null, name: `Đơn vị ${unitId}`, class: 'XUAT_SAC', registered: true, participant: true, ...over });
const person = (titleId: number, personId: number, over: Partial<Candidate> = {}): Candidate => ({ titleId, unitId: null, personId, name: `Người ${personId}`, class: 'TOT', registered: true, participant: true, ...over });

test('a quota is rounded down: 20% of 15 allows 3, 30% of 15 allows 4, 7% of 15 allows 1', () => {
  assert.equal(quotaLimit(20, 15), 3);
  assert.equal(quotaLimit(30, 15), 4);
  assert.equal(quotaLimit(7, 15), 1);
  assert.equal(quotaLimit(70, 15), 10);
  assert.equal(quotaLimit(6.66, 15), 0);
  assert.equal(quotaLimit(100, 15), 15);
  assert.equal(quotaLimit(0, 15), 0);
  assert.equal(quotaLimit(20, 0), 0);
  assert.equal(quotaLimit(null, 15), null, 'no quota, no cap');
});

test('floating-point error never moves the floor', () => {
  // 0.1 + 0.2 style traps: 35% of 20 is exactly 7, 14.29% of 7 is 1.0003 → 1, 57% of 100 is 57
  assert.equal(quotaLimit(35, 20), 7);
  assert.equal(quotaLimit(14.29, 7), 1);
  assert.equal(quotaLimit(57, 100), 57);
  assert.equal(quotaLimit(0.1 + 0.2, 1000), 3);
});

test('classes compare from Xuất sắc down to Yếu; no minimum lets anyone through', () => {
  assert.equal(meetsClass('XUAT_SAC', 'TOT'), true);
  assert.equal(meetsClass('TOT', 'TOT'), true);
  assert.equal(meetsClass('KHA', 'TOT'), false);
  assert.equal(meetsClass('YEU', null), true);
  assert.equal(meetsClass(null, 'KHA'), false, 'an unranked unit has no class');
  assert.equal(meetsClass(null, null), true);
});

test('four ĐVQT candidates among 15 units are refused with the rule and the numbers', () => {
  const candidates = [1, 2, 3, 4].map((id) => unit(DVQT.id, id));
  const problems = checkProposal(candidates, facts());
  assert.equal(problems.length, 1);
  assert.deepEqual(problems[0], {
    rule: 'quota',
    titleId: 1,
    key: 'awards.rules.quotaUnits',
    params: { title: 'Đơn vị Quyết thắng', code: 'DVQT', count: 4, proposed: 4, elsewhere: 0, percent: 20, base: 15, max: 3 },
  });
  assert.deepEqual(checkProposal(candidates.slice(0, 3), facts()), [], 'three fit');
});

test('candidates held by other proposals or awards count against the quota', () => {
  const candidates = [1, 2].map((id) => unit(DVQT.id, id));
  const problems = checkProposal(candidates, facts({ usedElsewhere: new Map([[DVQT.id, 2]]) }));
  assert.equal(problems.length, 1);
  assert.equal(problems[0].key, 'awards.rules.quotaUnitsElsewhere');
  assert.equal(problems[0].params.count, 4);
  assert.equal(problems[0].params.elsewhere, 2);
  const lines = quotaLines(candidates, facts({ usedElsewhere: new Map([[DVQT.id, 1]]) }));
  assert.deepEqual(lines.map((l) => [l.title.code, l.proposed, l.usedElsewhere, l.base, l.limit, l.over]), [['DVQT', 2, 1, 15, 3, false]]);
});

test('an individual quota is a share of the people registered for that title', () => {
  // 50% of 5 registered people allows 2
  const three = [1, 2, 3].map((id) => person(CSTT.id, id));
  const problems = checkProposal(three, facts());
  assert.equal(problems.length, 1);
  assert.equal(problems[0].key, 'awards.rules.quotaPeople');
  assert.deepEqual([problems[0].params.base, problems[0].params.max, problems[0].params.count], [5, 2, 3]);
  assert.equal(checkProposal([person(CSTT.id, 1)], facts({ registeredPeople: new Map() }))[0]?.params.max, 0, 'nobody registered: nothing allowed');
});

test('eligibility: the minimum class and the registration are each named', () => {
  const problems = checkProposal([unit(DVQT.id, 1, { class: 'TOT' }), unit(DVQT.id, 2, { registered: false }), unit(DVQT.id, 3, { class: null })], facts());
  assert.deepEqual(
    problems.map((p) => [p.rule, p.key, p.params.name]),
    [
      ['minClass', 'awards.rules.minClass', 'Đơn vị 1'],
      ['registration', 'awards.rules.notRegistered', 'Đơn vị 2'],
      ['minClass', 'awards.rules.unranked', 'Đơn vị 3'],
    ],
  );
  assert.equal(problems[0].params.class, 'TOT');
  assert.equal(problems[0].params.min, 'XUAT_SAC');
  // a title that does not require registration accepts a unit that did not register
  assert.deepEqual(checkProposal([unit(GK.id, 1, { registered: false, class: 'KHA' })], facts()), []);
  assert.equal(checkProposal([person(CSTT.id, 9, { registered: false })], facts())[0].key, 'awards.rules.personNotRegistered');
});

test('the same awardee cannot hold a title twice: in one proposal, in another, or once awarded', () => {
  const twice = checkHolding([unit(GK.id, 1), unit(GK.id, 1)], facts());
  assert.deepEqual(twice.map((p) => p.key), ['awards.rules.duplicateHere']);
  const held = new Map([
    [awardeeKey(GK.id, 2, null), { kind: 'proposal' as const, ref: '7' }],
    [awardeeKey(CSTT.id, null, 5), { kind: 'award' as const, ref: '12/QĐ-BCH' }],
  ]);
  const elsewhere = checkHolding([unit(GK.id, 2), person(CSTT.id, 5), unit(GK.id, 3)], facts({ heldElsewhere: held }));
  assert.deepEqual(elsewhere.map((p) => [p.key, p.params.ref]), [['awards.rules.duplicateProposal', '7'], ['awards.rules.duplicateAward', '12/QĐ-BCH']]);
  // another title for the same unit is a different award
  assert.deepEqual(checkHolding([unit(FREE.id, 2)], facts({ heldElsewhere: held })), []);
});

test('a person cannot take a collective title, nor a unit an individual one; non-participants are refused', () => {
  const problems = checkHolding([person(GK.id, 1), unit(CSTT.id, 1), unit(FREE.id, 8, { participant: false })], facts());
  assert.deepEqual(problems.map((p) => p.key), ['awards.rules.collectiveOnly', 'awards.rules.individualOnly', 'awards.rules.notParticipant']);
});

test('a title without a quota takes any number of candidates', () => {
  const many = Array.from({ length: 15 }, (_, i) => unit(FREE.id, i + 1, { class: 'YEU', registered: false }));
  assert.deepEqual(checkProposal(many, facts()), []);
  assert.equal(quotaLines(many, facts())[0].limit, null);
});
