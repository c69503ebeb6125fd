import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPeriods, daysInclusive, endOfMonth, generatePeriods, isoDay, type GeneratedPeriod } from '../../src/lib/periods.ts';

const d = (s: string) => new Date(s + 'T00:00:00Z');
const spans = (ps: GeneratedPeriod[]) => ps.map((p) => `${isoDay(p.startDate)}..${isoDay(p.endDate)}`);

test('month ends: 31, 30 and February in common and leap years (including the century rules)', () => {
  assert.equal(isoDay(endOfMonth(2021, 0)), '2021-01-31');
  assert.equal(isoDay(endOfMonth(2021, 3)), '2021-04-30');
  assert.equal(isoDay(endOfMonth(2021, 1)), '2021-02-28');
  assert.equal(isoDay(endOfMonth(2024, 1)), '2024-02-29');
  assert.equal(isoDay(endOfMonth(2100, 1)), '2100-02-28');
  assert.equal(isoDay(endOfMonth(2000, 1)), '2000-02-29');
  assert.equal(isoDay(endOfMonth(2021, 11)), '2021-12-31');
});

test('monthly periods of the reference campaign: a partial first month, then whole months to the end date', () => {
  const ps = generatePeriods(d('2021-01-10'), d('2021-06-30'), { mode: 'MONTHLY' });
  assert.deepEqual(spans(ps), [
    '2021-01-10..2021-01-31',
    '2021-02-01..2021-02-28',
    '2021-03-01..2021-03-31',
    '2021-04-01..2021-04-30',
    '2021-05-01..2021-05-31',
    '2021-06-01..2021-06-30',
  ]);
  assert.deepEqual(ps.map((p) => p.seq), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(ps[0].label, { kind: 'month', month: 1, year: 2021 });
  assert.deepEqual(ps[5].label, { kind: 'month', month: 6, year: 2021 });
});

test('monthly periods cover a leap February and end partway through the last month', () => {
  const ps = generatePeriods(d('2024-01-31'), d('2024-03-15'), { mode: 'MONTHLY' });
  assert.deepEqual(spans(ps), ['2024-01-31..2024-01-31', '2024-02-01..2024-02-29', '2024-03-01..2024-03-15']);
});

test('monthly periods cross a year boundary', () => {
  const ps = generatePeriods(d('2021-11-15'), d('2022-01-20'), { mode: 'MONTHLY' });
  assert.deepEqual(spans(ps), ['2021-11-15..2021-11-30', '2021-12-01..2021-12-31', '2022-01-01..2022-01-20']);
  assert.deepEqual(ps[2].label, { kind: 'month', month: 1, year: 2022 });
});

test('a campaign inside one month gives one monthly period', () => {
  assert.deepEqual(spans(generatePeriods(d('2023-05-05'), d('2023-05-05'), { mode: 'MONTHLY' })), ['2023-05-05..2023-05-05']);
});

test('quarterly periods follow calendar quarters and clip the first and last', () => {
  const ps = generatePeriods(d('2021-02-15'), d('2021-11-10'), { mode: 'QUARTERLY' });
  assert.deepEqual(spans(ps), ['2021-02-15..2021-03-31', '2021-04-01..2021-06-30', '2021-07-01..2021-09-30', '2021-10-01..2021-11-10']);
  assert.deepEqual(
    ps.map((p) => p.label),
    [1, 2, 3, 4].map((q) => ({ kind: 'quarter', quarter: q, year: 2021 })),
  );
});

test('a whole leap year in quarters', () => {
  const ps = generatePeriods(d('2024-01-01'), d('2024-12-31'), { mode: 'QUARTERLY' });
  assert.deepEqual(spans(ps), ['2024-01-01..2024-03-31', '2024-04-01..2024-06-30', '2024-07-01..2024-09-30', '2024-10-01..2024-12-31']);
  assert.equal(ps.reduce((n, p) => n + daysInclusive(p.startDate, p.endDate), 0), 366);
});

test('equal periods share the days with lengths that differ by at most one and leave no gap', () => {
  const start = d('2021-01-10');
  const end = d('2021-06-30');
  const ps = generatePeriods(start, end, { mode: 'EQUAL', count: 3 });
  assert.equal(ps.length, 3);
  assert.equal(isoDay(ps[0].startDate), '2021-01-10');
  assert.equal(isoDay(ps[2].endDate), '2021-06-30');
  const lengths = ps.map((p) => daysInclusive(p.startDate, p.endDate));
  assert.equal(lengths.reduce((a, b) => a + b, 0), daysInclusive(start, end));
  assert.ok(Math.max(...lengths) - Math.min(...lengths) <= 1, `lengths ${lengths}`);
  for (let i = 1; i < ps.length; i++) assert.equal(daysInclusive(ps[i - 1].endDate, ps[i].startDate), 2, 'next period starts the day after');
  assert.deepEqual(ps.map((p) => p.label), [1, 2, 3].map((n) => ({ kind: 'part', n })));
});

test('equal periods: as many parts as days gives one day each; more parts than days is refused', () => {
  const ps = generatePeriods(d('2024-02-27'), d('2024-03-01'), { mode: 'EQUAL', count: 4 });
  assert.deepEqual(spans(ps), ['2024-02-27..2024-02-27', '2024-02-28..2024-02-28', '2024-02-29..2024-02-29', '2024-03-01..2024-03-01']);
  assert.throws(() => generatePeriods(d('2024-02-27'), d('2024-03-01'), { mode: 'EQUAL', count: 5 }), RangeError);
  assert.throws(() => generatePeriods(d('2024-02-27'), d('2024-03-01'), { mode: 'EQUAL', count: 0 }), RangeError);
});

test('reversed campaign dates are refused', () => {
  assert.throws(() => generatePeriods(d('2021-02-01'), d('2021-01-31'), { mode: 'MONTHLY' }), RangeError);
});

test('a time of day on the inputs does not shift the calendar days', () => {
  const ps = generatePeriods(new Date('2021-03-01T17:30:00Z'), new Date('2021-04-02T03:00:00Z'), { mode: 'MONTHLY' });
  assert.deepEqual(spans(ps), ['2021-03-01..2021-03-31', '2021-04-01..2021-04-02']);
});

const campaign = { startDate: d('2021-01-10'), endDate: d('2021-06-30') };

test('periods inside the campaign, in order and with gaps allowed, have no issues', () => {
  assert.deepEqual(
    checkPeriods(
      [
        { startDate: d('2021-01-10'), endDate: d('2021-02-28') },
        { startDate: d('2021-03-05'), endDate: d('2021-04-30') },
        { startDate: d('2021-05-01'), endDate: d('2021-06-30') },
      ],
      campaign,
    ),
    [],
  );
});

test('periods outside the campaign, reversed, overlapping or out of order are reported per field', () => {
  const issues = checkPeriods(
    [
      { startDate: d('2021-01-01'), endDate: d('2021-01-31') }, // starts before the campaign
      { startDate: d('2021-01-31'), endDate: d('2021-02-15') }, // overlaps the first by a day
      { startDate: d('2021-03-10'), endDate: d('2021-03-01') }, // ends before it starts
      { startDate: d('2021-02-01'), endDate: d('2021-07-02') }, // before the previous one; ends after the campaign
    ],
    campaign,
  );
  assert.deepEqual(issues, [
    { index: 0, field: 'startDate', code: 'beforeCampaign' },
    { index: 1, field: 'startDate', code: 'overlap', other: 0 },
    { index: 2, field: 'endDate', code: 'endBeforeStart' },
    { index: 3, field: 'startDate', code: 'outOfOrder', other: 2 },
    { index: 3, field: 'endDate', code: 'afterCampaign' },
  ]);
});
