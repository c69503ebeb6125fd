// The secret ballots of a held meeting: for each candidate line on the agenda, the counts only (agree, disagree at the
// meeting; agree, disagree in writing from absent members). The threshold is the catalogue entry's ballotPercent of
// ALL members on the day. Nothing anywhere names who voted how: the schema has no column that could hold it.
import type { Db } from '../db/index.ts';
import type { BallotResult } from '../generated/prisma/client.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { RuleError, ValidationError, type FieldErrors } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { fieldErrors } from '../lib/forms.ts';
import { ballotOutcome, ballotProblems, type BallotOutcome } from '../lib/ballot.ts';
import { StaleError } from './service.ts';
import { getMeeting, type MeetingView } from './meetings.ts';
import { candidateName, lineCatalog, type Line } from './lines.ts';
import { BallotLine } from './schema.ts';

export type BallotRow = {
  line: Line; proposalId: number; candidate: string; catalog: ReturnType<typeof lineCatalog>;
  ballot: BallotResult | null; outcome: BallotOutcome | null;
};

/** Every line of the meeting's agenda with its catalogue threshold, its ballot if counted, and the outcome. */
export function ballotRows(view: MeetingView): BallotRow[] {
  const byItem = new Map(view.meeting.ballots.map((b) => [b.proposalItemId, b]));
  return view.proposals.flatMap((p) =>
    p.items.map((line) => {
      const ballot = byItem.get(line.id) ?? null;
      return {
        line, proposalId: p.id, candidate: candidateName(line), catalog: lineCatalog(line), ballot,
        outcome: ballot ? ballotOutcome(ballot, ballot.memberCount, ballot.thresholdPercent) : null,
      };
    }),
  );
}

/** The ballot form's field for a line: agree-12, writtenAgree-12… */
export const fieldName = (field: string, itemId: number) => `${field}-${itemId}`;

/**
 * Record the counts typed for a held meeting's lines. A line left blank is skipped; a line counted before is
 * recounted when its version matches. Counts are checked against the meeting's fixed numbers (ballots at the meeting
 * ≤ members present, written votes ≤ members absent); any problem writes nothing. Returns what passed and failed.
 */
export async function saveBallots(prisma: Db, actor: Actor, meetingId: number, body: Record<string, unknown>, requestId?: string) {
  authorize(actor, 'meeting.record');
  return prisma.$transaction(async (tx) => {
    const view = await getMeeting(tx, actor, meetingId);
    const m = view.meeting;
    if (m.status !== 'HELD' || m.memberCount === null || m.presentCount === null) throw new RuleError('council.errors.notHeld');
    const members = m.memberCount;
    const present = m.presentCount;
    const errors: FieldErrors = {};
    const toSave: { row: BallotRow; data: BallotLine }[] = [];
    for (const row of ballotRows(view)) {
      const id = row.line.id;
      const raw = Object.fromEntries(['agree', 'disagree', 'writtenAgree', 'writtenDisagree', 'version'].map((k) => [k, body[fieldName(k, id)]]));
      if (['agree', 'disagree', 'writtenAgree', 'writtenDisagree'].every((k) => raw[k] === undefined || String(raw[k]).trim() === '')) continue;
      const parsed = BallotLine.safeParse(raw);
      if (!parsed.success) {
        for (const [k, e] of Object.entries(fieldErrors(parsed.error))) errors[fieldName(k, id)] = e;
        continue;
      }
      if (!row.catalog) {
        errors[fieldName('agree', id)] = { key: 'council.ballot.errors.noCatalog' };
        continue;
      }
      for (const p of ballotProblems(parsed.data, present, members)) errors[fieldName(p.field, id)] = { key: p.key, params: p.params };
      toSave.push({ row, data: parsed.data });
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    if (!toSave.length) throw new ValidationError({ _form: { key: 'council.ballot.errors.nothing' } });
    const result = { passed: 0, failed: 0 };
    for (const { row, data } of toSave) {
      const percent = row.catalog!.ballotPercent;
      const counts = { agree: data.agree, disagree: data.disagree, writtenAgree: data.writtenAgree, writtenDisagree: data.writtenDisagree };
      const outcome = ballotOutcome(counts, members, percent);
      const fields = { ...counts, thresholdPercent: percent, memberCount: members, passed: outcome.passed };
      if (row.ballot) {
        const moved = await tx.ballotResult.updateMany({ where: { id: row.ballot.id, version: data.version }, data: { ...fields, version: { increment: 1 } } });
        if (moved.count !== 1) throw new StaleError(row.ballot);
      } else {
        if (data.version !== 0) throw new StaleError({ version: 0 });
        await tx.ballotResult.create({ data: { ...fields, meetingId, proposalItemId: row.line.id, createdById: actor.id } });
      }
      result[outcome.passed ? 'passed' : 'failed']++;
      await recordAudit(tx, {
        actorId: actor.id, action: 'council.ballot.record', entityType: 'BallotResult', entityId: `${meetingId}:${row.line.id}`, unitId: m.council.unitId, requestId,
        before: row.ballot ? { agree: row.ballot.agree, disagree: row.ballot.disagree, writtenAgree: row.ballot.writtenAgree, writtenDisagree: row.ballot.writtenDisagree, passed: row.ballot.passed } : undefined,
        after: { ...counts, thresholdPercent: outcome.percent, memberCount: members, totalAgree: outcome.totalAgree, passed: outcome.passed },
      });
    }
    return result;
  });
}
