// Who holds a proposal and the record of each step on its path (ProposalStep). Every move of a proposal, in its own
// command or up and down the chain, writes one step with the status it leaves and the reason given.
import type { Tx } from '../db/index.ts';
import type { ProposalAction, ProposalStatus } from '../generated/prisma/client.ts';
import type { Actor } from '../auth/policy.ts';
import { ForbiddenError } from '../errors.ts';
import { chainScope } from './scope.ts';

type Owned = { commandUnitId: number | null; holderUnitId: number | null; campaign?: { commandUnitId: number | null } | null };

/** The command that made the proposal (legacy rows: its campaign's command). */
export function originOf(p: Owned): number | null {
  return p.commandUnitId ?? p.campaign?.commandUnitId ?? null;
}

/** The command that holds the proposal now (the origin until it is forwarded). */
export function holderOf(p: Owned): number | null {
  return p.holderUnitId ?? originOf(p);
}

/**
 * The actor's command must hold the proposal to act on it (403 otherwise: a command above sees its subtree's
 * proposals but acts only on those sent to it). With `origin`, the holder must also be the command that made it
 * (editing, submitting, approving and returning within the command). Staff without a command act as before.
 */
export async function assertHolder(tx: Tx, actor: Actor, p: Owned, opts: { origin?: boolean } = {}): Promise<void> {
  const scope = await chainScope(tx, actor);
  if (scope.all) return;
  const holder = holderOf(p);
  if (holder === null) return;
  if (holder !== scope.command.id) throw new ForbiddenError('chain.errors.notHolder');
  if (opts.origin && originOf(p) !== null && originOf(p) !== holder) throw new ForbiddenError('chain.errors.notOrigin');
}

export type Step = { proposalId: number; action: ProposalAction; status: ProposalStatus; fromUnitId: number | null; toUnitId?: number | null; reason?: string | null; byId: number };

export async function recordStep(tx: Tx, s: Step): Promise<void> {
  await tx.proposalStep.create({ data: { ...s, toUnitId: s.toUnitId ?? null, reason: s.reason ?? null } });
}

/** A proposal's path, oldest first, with the commands' and people's names. */
export async function proposalPath(tx: Tx, proposalId: number) {
  const steps = await tx.proposalStep.findMany({ where: { proposalId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  const unitIds = [...new Set(steps.flatMap((s) => [s.fromUnitId, s.toUnitId]).filter((x): x is number => x !== null))];
  const userIds = [...new Set(steps.map((s) => s.byId).filter((x): x is number => x !== null))];
  const [units, users] = await Promise.all([
    unitIds.length ? tx.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true } }) : [],
    userIds.length ? tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, fullName: true } }) : [],
  ]);
  const unit = new Map(units.map((u) => [u.id, u.name]));
  const user = new Map(users.map((u) => [u.id, u.fullName]));
  return steps.map((s) => ({
    ...s,
    from: s.fromUnitId ? (unit.get(s.fromUnitId) ?? null) : null,
    to: s.toUnitId ? (unit.get(s.toUnitId) ?? null) : null,
    by: s.byId ? (user.get(s.byId) ?? null) : null,
  }));
}
