// The ballot table shared by the minutes and the ballot result: per candidate and title, the counts at the meeting
// and in writing, the total agreeing, its share of ALL members, the threshold (and the votes it takes) and the outcome.
import { num, type Ctx } from './common.ts';
import { awardeeName, titleName, type Dossier } from './dossier.ts';
import { centred, strong, type Block } from './model.ts';

type Meeting = NonNullable<Dossier['meeting']>;

/** votes needed: the threshold's share of all members, rounded up */
export const votesNeeded = (percent: number, members: number) => Math.ceil((percent * members) / 100 - 1e-9);

export function ballotTable(ctx: Ctx, m: Meeting): Block {
  const { t } = ctx;
  const rows = m.ballots.map((b, i) => {
    const agree = b.agree + b.writtenAgree;
    const pct = Number(b.thresholdPercent);
    return [
      centred(i + 1),
      awardeeName(b.proposalItem),
      titleName(b.proposalItem),
      centred(`${b.agree} / ${b.disagree}`),
      centred(`${b.writtenAgree} / ${b.writtenDisagree}`),
      strong(t('documents.ballot.share', { agree, members: b.memberCount, percent: num(ctx, (agree / Math.max(1, b.memberCount)) * 100) })),
      centred(t('documents.ballot.threshold', { percent: num(ctx, pct), need: votesNeeded(pct, b.memberCount) })),
      strong(t(b.passed ? 'documents.ballot.passed' : 'documents.ballot.failed')),
    ];
  });
  return {
    kind: 'table',
    head: ['no', 'awardee', 'title', 'atMeeting', 'written', 'share', 'threshold', 'result'].map((k) => t(`documents.ballot.col.${k}`)),
    rows,
    widths: [7, 19, 17, 11, 11, 13, 12, 10],
    small: true,
  };
}

/** members, present and absent on the meeting day (fixed when it was held, else counted from attendance) */
export function headcount(m: Meeting) {
  const members = m.memberCount ?? (m.attendances.length || m.council.members.length);
  const present = m.presentCount ?? m.attendances.filter((a) => a.present).length;
  return { members, present, absent: members - present };
}
