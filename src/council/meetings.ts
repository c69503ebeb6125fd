// A council's meetings: the day, place and secretary, who was present, and the proposal lists on the agenda. While
// planned, all of it may change; marking the meeting held fixes the member and attendance counts (the base of every
// ballot's threshold) and needs the quorum. After that only the minutes' conclusions change.
import type { Db, Tx } from '../db/index.ts';
import type { CouncilMeeting } from '../generated/prisma/client.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { NotFoundError, RuleError, ValidationError, type FieldErrors } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { quorum } from '../lib/ballot.ts';
import { assertCommand } from './scope.ts';
import { byRole, getCouncil, sittingOn, StaleError } from './service.ts';
import { agendaChoices, agendaWhere, proposalInclude } from './lines.ts';
import type { MeetingEditForm, MeetingForm } from './schema.ts';

const meetingInclude = {
  council: { include: { unit: { select: { id: true, name: true, commandLevel: true } } } },
  attendances: { include: { member: true } },
  agenda: { include: { proposal: { include: proposalInclude } }, orderBy: { proposalId: 'asc' } },
  ballots: true,
} as const;

/** A meeting of the actor's command's council, its members on the day, attendance, quorum and agenda. */
export async function getMeeting(prisma: Tx, actor: Actor, id: number) {
  authorize(actor, 'council.view');
  const meeting = await prisma.councilMeeting.findUnique({ where: { id }, include: meetingInclude });
  if (!meeting) throw new NotFoundError();
  await assertCommand(prisma, actor, meeting.council.unitId);
  const held = meeting.status === 'HELD';
  // once held, the attendance rows are the members of that day; before, whoever sits on the council that day
  const members = held
    ? byRole(meeting.attendances.map((a) => a.member))
    : byRole(await prisma.councilMember.findMany({ where: { councilId: meeting.councilId, ...sittingOn(meeting.heldOn) } }));
  const presentIds = new Set(meeting.attendances.filter((a) => a.present).map((a) => a.memberId));
  const present = members.filter((m) => presentIds.has(m.id)).length;
  const q = quorum(held ? meeting.memberCount ?? members.length : members.length, held ? meeting.presentCount ?? present : present, meeting.council.quorumPercent);
  const recorded = meeting.attendances.length > 0;
  return { meeting, members, presentIds, quorum: q, recorded, proposals: meeting.agenda.map((a) => a.proposal) };
}
export type MeetingView = Awaited<ReturnType<typeof getMeeting>>;

/** The proposals the meeting may put on its agenda: the command's choices and whatever it holds already. */
export async function meetingAgendaChoices(prisma: Tx, view: MeetingView) {
  const choices = await agendaChoices(prisma, view.meeting.council.unitId);
  const seen = new Set(choices.map((p) => p.id));
  return [...choices, ...view.proposals.filter((p) => !seen.has(p.id))];
}

async function checkMeeting(tx: Tx, council: { id: number; unitId: number; termFrom: Date; termTo: Date | null }, data: MeetingForm, keep: number[] = []): Promise<string[]> {
  const problems: FieldErrors = {};
  if (data.heldOn < council.termFrom || (council.termTo && data.heldOn > council.termTo)) problems.heldOn = { key: 'council.errors.meetingOutsideTerm' };
  const sitting = await tx.councilMember.findMany({ where: { councilId: council.id, ...sittingOn(data.heldOn) }, select: { id: true } });
  if (!problems.heldOn && !sitting.length) problems.heldOn = { key: 'council.errors.noMembersOnDay' };
  const ids = new Set(sitting.map((m) => m.id));
  if (data.present.some((id) => !ids.has(id))) problems.present = { key: 'council.errors.presentNotMember' };
  const agenda = [...new Set(data.agenda)];
  const allowed = await tx.awardProposal.findMany({ where: { id: { in: agenda }, OR: [agendaWhere(council.unitId), { id: { in: keep } }] }, select: { id: true } });
  if (allowed.length !== agenda.length) problems.agenda = { key: 'validation.choice' };
  if (Object.keys(problems).length) throw new ValidationError(problems);
  return sitting.map((m) => String(m.id));
}

const meetingSnapshot = (m: CouncilMeeting, present: number[], agenda: number[]) => ({
  heldOn: m.heldOn, place: m.place, secretary: m.secretary, status: m.status, memberCount: m.memberCount, presentCount: m.presentCount, present, agenda,
});

/** Plan a meeting of a council: its day (within the term), place, secretary, attendance so far and agenda. */
export async function createMeeting(prisma: Db, actor: Actor, councilId: number, data: MeetingForm, requestId?: string): Promise<CouncilMeeting> {
  authorize(actor, 'meeting.record');
  return prisma.$transaction(async (tx) => {
    const council = await getCouncil(tx, actor, councilId);
    const sitting = await checkMeeting(tx, council, data);
    const meeting = await tx.councilMeeting.create({
      data: {
        councilId, heldOn: data.heldOn, place: data.place, secretary: data.secretary, createdById: actor.id,
        agenda: { create: [...new Set(data.agenda)].map((proposalId) => ({ proposalId })) },
        attendances: data.present.length ? { create: sitting.map((id) => ({ memberId: Number(id), present: data.present.includes(Number(id)) })) } : undefined,
      },
    });
    await recordAudit(tx, { actorId: actor.id, action: 'council.meeting.create', entityType: 'CouncilMeeting', entityId: meeting.id, unitId: council.unitId, after: meetingSnapshot(meeting, data.present, data.agenda), requestId });
    return meeting;
  });
}

/** Change a planned meeting read at `data.version`: details, who is present (the others are absent), agenda. */
export async function updateMeeting(prisma: Db, actor: Actor, id: number, data: MeetingEditForm, requestId?: string): Promise<CouncilMeeting> {
  authorize(actor, 'meeting.record');
  return prisma.$transaction(async (tx) => {
    const view = await getMeeting(tx, actor, id);
    const before = view.meeting;
    if (before.status !== 'PLANNED') throw new RuleError('council.errors.alreadyHeld');
    const sitting = await checkMeeting(tx, before.council, data, view.proposals.map((p) => p.id));
    const moved = await tx.councilMeeting.updateMany({ where: { id, version: data.version }, data: { heldOn: data.heldOn, place: data.place, secretary: data.secretary, version: { increment: 1 } } });
    if (moved.count !== 1) throw new StaleError(before);
    await tx.meetingAttendance.deleteMany({ where: { meetingId: id } });
    await tx.meetingAttendance.createMany({ data: sitting.map((m) => ({ meetingId: id, memberId: Number(m), present: data.present.includes(Number(m)) })) });
    await tx.meetingProposal.deleteMany({ where: { meetingId: id } });
    await tx.meetingProposal.createMany({ data: [...new Set(data.agenda)].map((proposalId) => ({ meetingId: id, proposalId })) });
    const after = await tx.councilMeeting.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, {
      actorId: actor.id, action: 'council.meeting.update', entityType: 'CouncilMeeting', entityId: id, unitId: before.council.unitId,
      before: meetingSnapshot(before, [...view.presentIds], view.proposals.map((p) => p.id)), after: meetingSnapshot(after, data.present, data.agenda), requestId,
    });
    return after;
  });
}

/**
 * Mark a meeting held: its attendance must have been recorded and reach the council's quorum (present members over
 * all members on the day). The member and present counts are fixed from then on; ballots can then be entered.
 */
export async function markHeld(prisma: Db, actor: Actor, id: number, version: number, requestId?: string): Promise<CouncilMeeting> {
  authorize(actor, 'meeting.record');
  return prisma.$transaction(async (tx) => {
    const view = await getMeeting(tx, actor, id);
    const before = view.meeting;
    if (before.status !== 'PLANNED') throw new RuleError('council.errors.alreadyHeld');
    if (!view.recorded) throw new RuleError('council.errors.noAttendance');
    if (!view.proposals.length) throw new RuleError('council.errors.agendaEmpty');
    const q = view.quorum;
    if (!q.met) throw new RuleError('council.errors.noQuorum', { present: q.present, members: q.members, share: q.share, percent: q.percent, needed: q.needed });
    const moved = await tx.councilMeeting.updateMany({ where: { id, version, status: 'PLANNED' }, data: { status: 'HELD', memberCount: q.members, presentCount: q.present, version: { increment: 1 } } });
    if (moved.count !== 1) throw new StaleError(before);
    const after = await tx.councilMeeting.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { actorId: actor.id, action: 'council.meeting.held', entityType: 'CouncilMeeting', entityId: id, unitId: before.council.unitId, before: { status: before.status }, after: { status: 'HELD', memberCount: q.members, presentCount: q.present, quorumPercent: q.percent }, requestId });
    return after;
  });
}

/** Write the conclusions of a held meeting's minutes (version-checked, audited). */
export async function saveConclusions(prisma: Db, actor: Actor, id: number, data: { version: number; conclusions: string | null }, requestId?: string): Promise<CouncilMeeting> {
  authorize(actor, 'meeting.record');
  return prisma.$transaction(async (tx) => {
    const { meeting: before } = await getMeeting(tx, actor, id);
    if (before.status !== 'HELD') throw new RuleError('council.errors.notHeld');
    const moved = await tx.councilMeeting.updateMany({ where: { id, version: data.version }, data: { conclusions: data.conclusions, version: { increment: 1 } } });
    if (moved.count !== 1) throw new StaleError(before);
    const after = await tx.councilMeeting.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { actorId: actor.id, action: 'council.meeting.conclusions', entityType: 'CouncilMeeting', entityId: id, unitId: before.council.unitId, before: { conclusions: before.conclusions }, after: { conclusions: after.conclusions }, requestId });
    return after;
  });
}
