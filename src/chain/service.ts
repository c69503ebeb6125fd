// The chain of command (issue 11): a proposal for a title its command cannot decide goes up to the parent command
// with its dossier; the parent receives it, sends it back with a reason, decides it (src/awards/decisions.ts) or
// forwards it further up. Each step is a ProposalStep and an audit entry, and notifies the command it reaches.
import type { Db, Tx } from '../db/index.ts';
import type { ProposalStatus } from '../generated/prisma/client.ts';
import { authorize, can, type Actor } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { notify } from '../notifications/service.ts';
import { vnToday } from '../notifications/closing.ts';
import { ConflictError, RuleError } from '../errors.ts';
import { findProposal } from '../awards/proposals.ts';
import { chainScope, commandOf, parentCommand, type Command } from './scope.ts';
import { assertHolder, holderOf, originOf, recordStep } from './steps.ts';
import { chainBlockers, GateError } from './gates.ts';

const TX = { timeout: 30_000 } as const;
type Proposal = Awaited<ReturnType<typeof findProposal>>;

/** Statuses in which the holding command may decide or forward: its own approved proposal, or one sent to it. */
export function actionable(p: Proposal): boolean {
  const atOrigin = holderOf(p) === originOf(p);
  return atOrigin ? p.status === 'APPROVED' : p.status === 'RECEIVED' || p.status === 'RETURNED';
}

/** The command acting on a proposal: the nearest command of its holder (null: no chain set up, legacy). */
export async function actingCommand(tx: Tx, p: Proposal): Promise<Command | null> {
  return commandOf(tx, holderOf(p));
}

/** The command that sent the proposal to its current holder (the last forward to it). */
async function senderOf(tx: Tx, p: Proposal): Promise<number | null> {
  const step = await tx.proposalStep.findFirst({ where: { proposalId: p.id, action: 'FORWARD', toUnitId: holderOf(p) ?? -1 }, orderBy: [{ at: 'desc' }, { id: 'desc' }] });
  return step?.fromUnitId ?? originOf(p);
}

const title = (p: Proposal) => p.campaign?.name ?? p.note ?? '';

/** Blockers for deciding a proposal where it is held (levels, ballot, công khai); none when no chain is set up. */
export async function decideBlockers(tx: Tx, p: Proposal) {
  const command = await actingCommand(tx, p);
  if (!command) return { command: null, blockers: [] };
  return { command, blockers: await chainBlockers(tx, p, command, 'decide', null, vnToday(new Date())) };
}

/** Commander of the holding command sends the proposal up to the parent command (after level, ballot and công khai). */
export async function forwardProposal(prisma: Db, actor: Actor, id: number, data: { version: number; reason: string | null }, requestId?: string): Promise<void> {
  authorize(actor, 'proposal.decide');
  await prisma.$transaction(async (tx) => {
    const p = await findProposal(tx, actor, id);
    await assertHolder(tx, actor, p);
    if (!actionable(p)) throw new ConflictError('awards.errors.wrongStatus', { status: p.status });
    if (p.version !== data.version) throw new ConflictError('awards.errors.changed');
    const command = await actingCommand(tx, p);
    if (!command) throw new RuleError('chain.blockers.noCommand');
    const parent = await parentCommand(tx, command);
    const blockers = await chainBlockers(tx, p, command, 'forward', parent, vnToday(new Date()));
    if (blockers.length || !parent) throw new GateError(blockers);
    await move(tx, p, data.version, { status: 'FORWARDED', holderUnitId: parent.id, returnReason: null });
    await recordStep(tx, { proposalId: id, action: 'FORWARD', status: 'FORWARDED', fromUnitId: command.id, toUnitId: parent.id, reason: data.reason, byId: actor.id });
    await recordAudit(tx, { actorId: actor.id, action: 'proposal.forward', entityType: 'AwardProposal', entityId: id, campaignId: p.campaignId, unitId: parent.id, before: { status: p.status, holderUnitId: command.id }, after: { status: 'FORWARDED', holderUnitId: parent.id }, reason: data.reason, requestId });
    await notify(tx, { toStaffOf: parent.id, roles: ['OFFICER', 'COMMANDER'], kind: 'notifications.kind.proposalForwarded', params: { id, from: command.name, campaign: title(p) }, link: `/proposals/${id}` });
  }, TX);
}

/** Staff of the command a proposal was sent to acknowledge receipt (FORWARDED → RECEIVED). */
export async function receiveProposal(prisma: Db, actor: Actor, id: number, data: { version: number }, requestId?: string): Promise<void> {
  authorize(actor, 'proposal.receive');
  await prisma.$transaction(async (tx) => {
    const p = await findProposal(tx, actor, id);
    await assertHolder(tx, actor, p);
    if (p.status !== 'FORWARDED') throw new ConflictError('awards.errors.wrongStatus', { status: p.status });
    if (p.version !== data.version) throw new ConflictError('awards.errors.changed');
    const sender = await senderOf(tx, p);
    await move(tx, p, data.version, { status: 'RECEIVED' });
    await recordStep(tx, { proposalId: id, action: 'RECEIVE', status: 'RECEIVED', fromUnitId: sender, toUnitId: holderOf(p), byId: actor.id });
    await recordAudit(tx, { actorId: actor.id, action: 'proposal.receive', entityType: 'AwardProposal', entityId: id, campaignId: p.campaignId, unitId: holderOf(p), before: { status: p.status }, after: { status: 'RECEIVED' }, requestId });
  }, TX);
}

/** The command a proposal was sent to returns it to the sender with a reason (→ RETURNED, held by the sender). */
export async function sendBackProposal(prisma: Db, actor: Actor, id: number, data: { version: number; reason: string }, requestId?: string): Promise<void> {
  authorize(actor, 'proposal.receive');
  await prisma.$transaction(async (tx) => {
    const p = await findProposal(tx, actor, id);
    await assertHolder(tx, actor, p);
    const holder = holderOf(p);
    const ok: ProposalStatus[] = ['FORWARDED', 'RECEIVED', 'RETURNED'];
    if (holder === originOf(p) || !ok.includes(p.status)) throw new ConflictError('awards.errors.wrongStatus', { status: p.status });
    if (p.version !== data.version) throw new ConflictError('awards.errors.changed');
    const sender = await senderOf(tx, p);
    await move(tx, p, data.version, { status: 'RETURNED', holderUnitId: sender, returnReason: data.reason });
    await recordStep(tx, { proposalId: id, action: 'SEND_BACK', status: 'RETURNED', fromUnitId: holder, toUnitId: sender, reason: data.reason, byId: actor.id });
    await recordAudit(tx, { actorId: actor.id, action: 'proposal.sendBack', entityType: 'AwardProposal', entityId: id, campaignId: p.campaignId, unitId: sender, before: { status: p.status, holderUnitId: holder }, after: { status: 'RETURNED', holderUnitId: sender }, reason: data.reason, requestId });
    const from = holder ? ((await tx.unit.findUnique({ where: { id: holder }, select: { name: true } }))?.name ?? '') : '';
    await notify(tx, { toStaffOf: sender, roles: ['OFFICER', 'COMMANDER'], kind: 'notifications.kind.proposalSentBack', params: { id, from, campaign: title(p), reason: data.reason }, link: `/proposals/${id}` });
  }, TX);
}

async function move(tx: Tx, p: Proposal, version: number, data: { status: ProposalStatus; holderUnitId?: number | null; returnReason?: string | null }): Promise<void> {
  const moved = await tx.awardProposal.updateMany({ where: { id: p.id, version, status: p.status }, data: { ...data, version: { increment: 1 } } });
  if (moved.count !== 1) throw new ConflictError('awards.errors.changed');
}

/** What the actor may do with a proposal on the chain, and where it stands. */
export async function chainView(tx: Tx, actor: Actor, p: Proposal) {
  const scope = await chainScope(tx, actor);
  const holder = holderOf(p);
  const origin = originOf(p);
  const holds = scope.all || holder === null || holder === scope.command.id;
  const atOrigin = holder === origin;
  const command = await actingCommand(tx, p);
  const parent = command ? await parentCommand(tx, command) : null;
  const commander = can(actor, 'proposal.decide');
  const staff = can(actor, 'proposal.receive');
  const decidable = holds && actionable(p) && commander;
  return {
    holds,
    atOrigin,
    command,
    parent,
    may: {
      forward: decidable && command !== null && parent !== null,
      receive: holds && !atOrigin && p.status === 'FORWARDED' && staff,
      sendBack: holds && !atOrigin && ['FORWARDED', 'RECEIVED', 'RETURNED'].includes(p.status) && staff,
      decide: decidable,
    },
  };
}
