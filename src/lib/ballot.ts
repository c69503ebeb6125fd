// The council's arithmetic, with no I/O: a quorum and a secret ballot's threshold are shares of ALL the council's
// members on the meeting day (absent members count in the base; they may vote in writing), never of those present.
// Percentages are compared in hundredths of a percent with integers, so 66.67% or 90% never meet a rounding error.

/** A stored percentage (Decimal(5,2) or a number) in hundredths of a percent: 90 → 9000, 66.67 → 6667. */
export function hundredths(percent: number | string | { toString(): string }): number {
  return Math.round(Number(percent.toString()) * 100);
}

/** True when `count` of `base` reaches `percent` percent: count * 100 >= percent * base. An empty base never does. */
export function reaches(count: number, base: number, percent: number | string | { toString(): string }): boolean {
  if (base <= 0) return false;
  return count * 10000 >= hundredths(percent) * base;
}

/** The smallest count of `base` that reaches `percent` percent. */
export function needed(base: number, percent: number | string | { toString(): string }): number {
  return Math.ceil((hundredths(percent) * base) / 10000);
}

/** count / base as a percentage with at most one decimal, for display (0 when the base is empty). */
export function share(count: number, base: number): number {
  return base > 0 ? Math.round((count * 1000) / base) / 10 : 0;
}

export type Quorum = { members: number; present: number; percent: number; needed: number; met: boolean; share: number };

/** The quorum of a meeting: present members against all members on the day, and the share the council requires. */
export function quorum(members: number, present: number, percent: number | string | { toString(): string }): Quorum {
  return { members, present, percent: hundredths(percent) / 100, needed: needed(members, percent), met: reaches(present, members, percent), share: share(present, members) };
}

export type BallotCounts = { agree: number; disagree: number; writtenAgree: number; writtenDisagree: number };
export type BallotOutcome = { totalAgree: number; members: number; percent: number; needed: number; share: number; passed: boolean };

/** A ballot's result: votes in favour at the meeting and in writing, over every member, against the title's threshold. */
export function ballotOutcome(c: BallotCounts, members: number, percent: number | string | { toString(): string }): BallotOutcome {
  const totalAgree = c.agree + c.writtenAgree;
  return { totalAgree, members, percent: hundredths(percent) / 100, needed: needed(members, percent), share: share(totalAgree, members), passed: reaches(totalAgree, members, percent) };
}

export type BallotProblem = { field: keyof BallotCounts; key: string; params: Record<string, number> };

/**
 * What cannot be true of a ballot's counts: more ballots cast at the meeting than members present, or more written
 * votes than members absent. Each problem names the field it is shown beside.
 */
export function ballotProblems(c: BallotCounts, present: number, members: number): BallotProblem[] {
  const out: BallotProblem[] = [];
  const absent = Math.max(0, members - present);
  if (c.agree + c.disagree > present) out.push({ field: c.disagree > 0 ? 'disagree' : 'agree', key: 'council.ballot.errors.overPresent', params: { cast: c.agree + c.disagree, present } });
  if (c.writtenAgree + c.writtenDisagree > absent) out.push({ field: c.writtenDisagree > 0 ? 'writtenDisagree' : 'writtenAgree', key: 'council.ballot.errors.overAbsent', params: { cast: c.writtenAgree + c.writtenDisagree, absent } });
  return out;
}
