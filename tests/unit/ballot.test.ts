// The council's arithmetic: thresholds and quorum are shares of ALL members, compared without rounding errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ballotOutcome, ballotProblems, needed, quorum, reaches, share } from '../../src/lib/ballot.ts';

const counts = (agree: number, disagree = 0, writtenAgree = 0, writtenDisagree = 0) => ({ agree, disagree, writtenAgree, writtenDisagree });

test('90% of 10 members: 9 in favour passes, 8 does not, whoever was present', () => {
  assert.equal(ballotOutcome(counts(9, 1), 10, 90).passed, true);
  assert.equal(ballotOutcome(counts(8, 0), 10, 90).passed, false);
  // 8 present all in favour is 100% of those present but 80% of all members
  assert.deepEqual(ballotOutcome(counts(8, 0), 10, 90), { totalAgree: 8, members: 10, percent: 90, needed: 9, share: 80, passed: false });
  // a written vote of an absent member counts in favour
  assert.equal(ballotOutcome(counts(8, 0, 1), 10, 90).passed, true);
});

test('thresholds that are not whole numbers of people round up: 90% of 9 needs 9, 50% of 9 needs 5', () => {
  assert.equal(needed(9, 90), 9);
  assert.equal(reaches(8, 9, 90), false);
  assert.equal(needed(9, 50), 5);
  assert.equal(reaches(4, 9, 50), false);
  assert.equal(reaches(5, 9, 50), true);
  // two thirds written as 66.67% is a little more than 2/3, so 6 of 9 falls short; 66.66% lets 6 of 9 through
  assert.equal(needed(9, '66.67'), 7);
  assert.equal(reaches(6, 9, '66.67'), false);
  assert.equal(needed(9, '66.66'), 6);
  assert.equal(reaches(6, 9, '66.66'), true);
  assert.equal(reaches(0, 0, 50), false, 'an empty council never reaches a threshold');
});

test('quorum is present over all members on the day, with the numbers shown', () => {
  assert.deepEqual(quorum(9, 6, '66.66'), { members: 9, present: 6, percent: 66.66, needed: 6, met: true, share: 66.7 });
  assert.equal(quorum(9, 5, '66.66').met, false);
  assert.equal(share(1, 3), 33.3);
});

test('ballots at the meeting cannot exceed those present, written votes cannot exceed those absent', () => {
  assert.deepEqual(ballotProblems(counts(7, 1, 1, 1), 8, 10), []);
  assert.deepEqual(ballotProblems(counts(8, 1), 8, 10).map((p) => [p.field, p.params]), [['disagree', { cast: 9, present: 8 }]]);
  assert.deepEqual(ballotProblems(counts(5, 0, 2, 1), 8, 10).map((p) => [p.field, p.params]), [['writtenDisagree', { cast: 3, absent: 2 }]]);
  assert.deepEqual(ballotProblems(counts(9, 0, 3, 0), 8, 10).map((p) => p.field), ['agree', 'writtenAgree'], 'beside the count that was typed');
});
