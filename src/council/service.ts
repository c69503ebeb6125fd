// The Hội đồng Thi đua – Khen thưởng of each command: its terms, its members and their dates. Staff of the command
// read it; its administrator and commander keep it (src/auth/policy.ts: council.view, council.manage). Every change is
// version-checked and audited in the same transaction. Meetings and ballots: meetings.ts, ballots.ts; minutes: minutes.ts.
import type { Db, Tx } from '../db/index.ts';
import type { Council, CouncilMember } from '../generated/prisma/client.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import { actorCommand, assertCommand, councilWhere } from './scope.ts';
import { councilProblems, memberProblems, type CouncilEditForm, type CouncilForm, type MemberForm } from './schema.ts';

export { minutesData } from './minutes.ts';

/** Someone saved the record after this form was read. */
export class StaleError extends ConflictError {
  constructor(public readonly current: { version: number }) {
    super('council.conflict');
  }
}

/** Members sitting on `day`: from their first day to their last, inclusive. */
export function sittingOn(day: Date) {
  return { fromDate: { lte: day }, OR: [{ toDate: null }, { toDate: { gte: day } }] };
}

const ROLE_ORDER = { CHAIR: 0, VICE_CHAIR: 1, STANDING: 2, MEMBER: 3 } as const;
/** Chair first, then vice-chairs, standing members and members; by first day and name within a role. */
export function byRole<M extends Pick<CouncilMember, 'role' | 'fromDate' | 'fullName'>>(members: M[]): M[] {
  return [...members].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.fromDate.getTime() - b.fromDate.getTime() || a.fullName.localeCompare(b.fullName, 'vi'));
}

/** The councils the actor may see (newest term first), and the commands an unattached administrator may pick. */
export async function listCouncils(prisma: Db, actor: Actor) {
  authorize(actor, 'council.view');
  const scope = await actorCommand(prisma, actor);
  const councils = await prisma.council.findMany({
    where: await councilWhere(prisma, actor),
    orderBy: [{ unitId: 'asc' }, { termFrom: 'desc' }],
    include: { unit: { select: { id: true, name: true, commandLevel: true } }, _count: { select: { meetings: true } }, members: { where: sittingOn(today()), select: { id: true } } },
  });
  return { councils, scope, commands: await commandChoices(prisma, scope) };
}

/** The commands a council may be made for: every command for an unattached administrator, otherwise one's own. */
export async function commandChoices(prisma: Tx, scope: number | 'ALL' | null) {
  if (scope === null) return [];
  return prisma.unit.findMany({ where: { commandLevel: { not: null }, ...(scope === 'ALL' ? {} : { id: scope }) }, orderBy: { id: 'asc' }, select: { id: true, name: true, commandLevel: true } });
}

export function today(): Date {
  return new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
}

/** A council of the actor's command with its members and meetings; another command's is "not found". */
export async function getCouncil(prisma: Tx, actor: Actor, id: number) {
  authorize(actor, 'council.view');
  const council = await prisma.council.findUnique({
    where: { id },
    include: { unit: { select: { id: true, name: true, commandLevel: true } }, members: true, meetings: { orderBy: { heldOn: 'desc' }, include: { _count: { select: { agenda: true } } } } },
  });
  if (!council) throw new NotFoundError();
  await assertCommand(prisma, actor, council.unitId);
  return { ...council, members: byRole(council.members) };
}

/** A command has one council at a time: terms of its councils may not overlap. */
async function overlapping(tx: Tx, unitId: number, from: Date, to: Date | null, except?: number): Promise<boolean> {
  const other = await tx.council.findFirst({
    where: { unitId, ...(except ? { id: { not: except } } : {}), OR: [{ termTo: null }, { termTo: { gte: from } }], ...(to ? { termFrom: { lte: to } } : {}) },
    select: { id: true },
  });
  return other !== null;
}

const councilSnapshot = (c: Council) => ({
  unitId: c.unitId, name: c.name, decisionNo: c.decisionNo, termFrom: c.termFrom, termTo: c.termTo, quorumPercent: c.quorumPercent.toString(),
  quorumLegalBasis: c.quorumLegalBasis, postingDays: c.postingDays, postingLegalBasis: c.postingLegalBasis,
});

/** Set up a council for a command: the actor's own command, or (an administrator with no unit) the one chosen. */
export async function createCouncil(prisma: Db, actor: Actor, data: CouncilForm, requestId?: string): Promise<Council> {
  authorize(actor, 'council.manage');
  const problems = councilProblems(data);
  const scope = await actorCommand(prisma, actor);
  if (scope === null) throw new NotFoundError();
  const unitId = scope === 'ALL' ? data.unitId : scope;
  if (!unitId || !(await commandChoices(prisma, scope)).some((c) => c.id === unitId)) problems.unitId = { key: 'validation.choice' };
  if (Object.keys(problems).length) throw new ValidationError(problems);
  const { unitId: _ignored, ...fields } = data;
  return prisma.$transaction(async (tx) => {
    if (await overlapping(tx, unitId!, data.termFrom, data.termTo)) throw new ValidationError({ termFrom: { key: 'council.errors.overlap' } });
    const council = await tx.council.create({ data: { ...fields, unitId: unitId! } });
    await recordAudit(tx, { actorId: actor.id, action: 'council.create', entityType: 'Council', entityId: council.id, unitId: council.unitId, after: councilSnapshot(council), requestId });
    return council;
  });
}

/** Save a council's term, quorum and công khai days read at `data.version`; nothing is written when stale. */
export async function updateCouncil(prisma: Db, actor: Actor, id: number, data: CouncilEditForm, requestId?: string): Promise<Council> {
  authorize(actor, 'council.manage');
  const problems = councilProblems(data);
  if (Object.keys(problems).length) throw new ValidationError(problems);
  return prisma.$transaction(async (tx) => {
    const before = await getCouncil(tx, actor, id);
    if (await overlapping(tx, before.unitId, data.termFrom, data.termTo, id)) throw new ValidationError({ termFrom: { key: 'council.errors.overlap' } });
    const { unitId: _u, version, ...fields } = data;
    const moved = await tx.council.updateMany({ where: { id, version }, data: { ...fields, version: { increment: 1 } } });
    if (moved.count !== 1) throw new StaleError(before);
    const after = await tx.council.findUniqueOrThrow({ where: { id } });
    await recordAudit(tx, { actorId: actor.id, action: 'council.update', entityType: 'Council', entityId: id, unitId: after.unitId, before: councilSnapshot(before), after: councilSnapshot(after), requestId });
    return after;
  });
}

const memberSnapshot = (m: CouncilMember) => ({ councilId: m.councilId, fullName: m.fullName, position: m.position, role: m.role, fromDate: m.fromDate, toDate: m.toDate });

export async function getMember(prisma: Tx, actor: Actor, councilId: number, memberId: number) {
  const council = await getCouncil(prisma, actor, councilId);
  const member = council.members.find((m) => m.id === memberId);
  if (!member) throw new NotFoundError();
  return { council, member };
}

/** Add a member to a council; their first day must fall within its term. */
export async function addMember(prisma: Db, actor: Actor, councilId: number, data: MemberForm, requestId?: string): Promise<CouncilMember> {
  authorize(actor, 'council.manage');
  return prisma.$transaction(async (tx) => {
    const council = await getCouncil(tx, actor, councilId);
    const problems = memberProblems(data, council);
    if (Object.keys(problems).length) throw new ValidationError(problems);
    const member = await tx.councilMember.create({ data: { ...data, councilId } });
    await recordAudit(tx, { actorId: actor.id, action: 'council.member.create', entityType: 'CouncilMember', entityId: member.id, unitId: council.unitId, after: memberSnapshot(member), requestId });
    return member;
  });
}

/** Change a member's name, post, role or dates (a member who leaves gets a last day; the record stays for the minutes). */
export async function updateMember(prisma: Db, actor: Actor, councilId: number, memberId: number, data: MemberForm & { version: number }, requestId?: string): Promise<CouncilMember> {
  authorize(actor, 'council.manage');
  return prisma.$transaction(async (tx) => {
    const { council, member: before } = await getMember(tx, actor, councilId, memberId);
    const problems = memberProblems(data, council);
    if (Object.keys(problems).length) throw new ValidationError(problems);
    const { version, ...fields } = data;
    const moved = await tx.councilMember.updateMany({ where: { id: memberId, version }, data: { ...fields, version: { increment: 1 } } });
    if (moved.count !== 1) throw new StaleError(before);
    const after = await tx.councilMember.findUniqueOrThrow({ where: { id: memberId } });
    await recordAudit(tx, { actorId: actor.id, action: 'council.member.update', entityType: 'CouncilMember', entityId: memberId, unitId: council.unitId, before: memberSnapshot(before), after: memberSnapshot(after), requestId });
    return after;
  });
}
