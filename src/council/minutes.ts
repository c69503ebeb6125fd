// The minutes (biên bản) of a council meeting as plain data: the print view renders it and the DOCX documents read it
// (minutesData). Attendees, quorum, and per candidate line the counts, the share of all members and the threshold.
import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { getMeeting } from './meetings.ts';
import { ballotRows } from './ballots.ts';
import { titleName } from './lines.ts';

/** Everything a biên bản states, for the print view and for the DOCX helper. `locale` picks the titles' language. */
export async function minutesData(prisma: Db, actor: Actor, meetingId: number, locale = 'vi') {
  const view = await getMeeting(prisma, actor, meetingId);
  const { meeting } = view;
  const council = meeting.council;
  return {
    council: { id: council.id, name: council.name, decisionNo: council.decisionNo, unitName: council.unit.name, quorumPercent: Number(council.quorumPercent), quorumLegalBasis: council.quorumLegalBasis },
    meeting: { id: meeting.id, heldOn: meeting.heldOn, place: meeting.place, secretary: meeting.secretary, status: meeting.status, conclusions: meeting.conclusions },
    attendees: view.members.map((m) => ({ fullName: m.fullName, position: m.position, role: m.role, present: view.presentIds.has(m.id) })),
    quorum: view.quorum,
    proposals: view.proposals.map((p) => ({ id: p.id, note: p.note, campaign: p.campaign?.name ?? null, command: p.commandUnit?.name ?? null, lines: p.items.length })),
    ballots: ballotRows(view).map((r) => ({
      proposalId: r.proposalId, itemId: r.line.id, candidate: r.candidate, unitName: r.line.person?.unit.name ?? null,
      titleCode: r.catalog?.code ?? r.line.title?.code ?? null, titleName: titleName(r.line, locale),
      legalBasis: r.catalog?.ballotLegalBasis ?? null,
      counted: r.ballot !== null,
      agree: r.ballot?.agree ?? null, disagree: r.ballot?.disagree ?? null, writtenAgree: r.ballot?.writtenAgree ?? null, writtenDisagree: r.ballot?.writtenDisagree ?? null,
      totalAgree: r.outcome?.totalAgree ?? null, members: r.outcome?.members ?? null, share: r.outcome?.share ?? null,
      thresholdPercent: r.outcome?.percent ?? (r.catalog ? Number(r.catalog.ballotPercent) : null), needed: r.outcome?.needed ?? null, passed: r.outcome?.passed ?? null,
    })),
  };
}
export type MinutesData = Awaited<ReturnType<typeof minutesData>>;
