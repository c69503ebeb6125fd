// Period maths for a campaign's scoring periods (pure, no I/O). Dates are calendar days held as
// Date objects at UTC midnight, the way Prisma returns @db.Date columns; both ends are inclusive.

export type PeriodPlan = { mode: 'MONTHLY' } | { mode: 'QUARTERLY' } | { mode: 'EQUAL'; count: number };

/** What a generated period is, so the caller can name it in the user's language. */
export type PeriodLabel = { kind: 'month'; month: number; year: number } | { kind: 'quarter'; quarter: number; year: number } | { kind: 'part'; n: number };

export type GeneratedPeriod = { seq: number; startDate: Date; endDate: Date; label: PeriodLabel };

const DAY_MS = 86_400_000;

/** The same calendar day at UTC midnight (drops any time of day). */
export function utcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function addDays(d: Date, n: number): Date {
  return new Date(utcDay(d).getTime() + n * DAY_MS);
}

/** Number of calendar days from `a` to `b` inclusive (1 when they are the same day, 0 or less when b < a). */
export function daysInclusive(a: Date, b: Date): number {
  return Math.round((utcDay(b).getTime() - utcDay(a).getTime()) / DAY_MS) + 1;
}

/** The last day of the month `month0` (0-based) of `year`: Date.UTC normalises day 0 of the next month. */
export function endOfMonth(year: number, month0: number): Date {
  return new Date(Date.UTC(year, month0 + 1, 0));
}

/**
 * Split the campaign's dates into periods. Monthly and quarterly periods follow the calendar, so the
 * first and last ones are partial when the campaign starts or ends mid-month (mid-quarter). EQUAL splits
 * the days as evenly as possible (lengths differ by at most one day, longer ones last).
 * Throws RangeError when the dates are reversed or there are more parts than days.
 */
export function generatePeriods(start: Date, end: Date, plan: PeriodPlan): GeneratedPeriod[] {
  const from = utcDay(start);
  const to = utcDay(end);
  const days = daysInclusive(from, to);
  if (days < 1) throw new RangeError('end before start');
  const out: GeneratedPeriod[] = [];
  if (plan.mode === 'EQUAL') {
    if (!Number.isInteger(plan.count) || plan.count < 1 || plan.count > days) throw new RangeError('bad count');
    for (let i = 0; i < plan.count; i++) {
      const s = Math.floor((i * days) / plan.count);
      const e = Math.floor(((i + 1) * days) / plan.count) - 1;
      out.push({ seq: i + 1, startDate: addDays(from, s), endDate: addDays(from, e), label: { kind: 'part', n: i + 1 } });
    }
    return out;
  }
  let cursor = from;
  while (cursor.getTime() <= to.getTime()) {
    const y = cursor.getUTCFullYear();
    const m = cursor.getUTCMonth();
    const blockEnd = plan.mode === 'MONTHLY' ? endOfMonth(y, m) : endOfMonth(y, Math.floor(m / 3) * 3 + 2);
    const e = blockEnd.getTime() < to.getTime() ? blockEnd : to;
    const label: PeriodLabel = plan.mode === 'MONTHLY' ? { kind: 'month', month: m + 1, year: y } : { kind: 'quarter', quarter: Math.floor(m / 3) + 1, year: y };
    out.push({ seq: out.length + 1, startDate: cursor, endDate: e, label });
    cursor = addDays(e, 1);
  }
  return out;
}

export type PeriodIssue = {
  /** position of the period in the list given */
  index: number;
  field: 'startDate' | 'endDate';
  code: 'endBeforeStart' | 'beforeCampaign' | 'afterCampaign' | 'outOfOrder' | 'overlap';
  /** the other period involved (for outOfOrder / overlap) */
  other?: number;
};

/**
 * Check a list of periods, in their sequence order, against the campaign's dates: each must end on or after
 * its start, lie inside the campaign, start after the previous one ends (gaps are allowed). At most one
 * issue per field.
 */
export function checkPeriods(rows: { startDate: Date; endDate: Date }[], campaign: { startDate: Date; endDate: Date }): PeriodIssue[] {
  const issues: PeriodIssue[] = [];
  const cs = utcDay(campaign.startDate).getTime();
  const ce = utcDay(campaign.endDate).getTime();
  rows.forEach((r, i) => {
    const s = utcDay(r.startDate).getTime();
    const e = utcDay(r.endDate).getTime();
    let startIssue: PeriodIssue | null = null;
    let endIssue: PeriodIssue | null = null;
    if (s < cs) startIssue = { index: i, field: 'startDate', code: 'beforeCampaign' };
    if (e < s) endIssue = { index: i, field: 'endDate', code: 'endBeforeStart' };
    else if (e > ce) endIssue = { index: i, field: 'endDate', code: 'afterCampaign' };
    if (!startIssue && i > 0) {
      const prev = rows[i - 1];
      const ps = utcDay(prev.startDate).getTime();
      const pe = utcDay(prev.endDate).getTime();
      if (s < ps) startIssue = { index: i, field: 'startDate', code: 'outOfOrder', other: i - 1 };
      else if (s <= pe) startIssue = { index: i, field: 'startDate', code: 'overlap', other: i - 1 };
    }
    if (startIssue) issues.push(startIssue);
    if (endIssue) issues.push(endIssue);
  });
  return issues;
}

/** yyyy-mm-dd of a UTC calendar day, the value an <input type=date> shows. */
export function isoDay(d: Date): string {
  return utcDay(d).toISOString().slice(0, 10);
}
