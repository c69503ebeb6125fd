// Who belongs to a command, for the công khai pages: the command's staff, and the UNIT accounts of units in its
// subtree. A command is a unit with a commandLevel; a unit's command is its nearest ancestor-or-self command.
import type { Tx } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';

export type UnitTree = { parentOf: Map<number, number | null>; isCommand: Set<number> };

/** The whole unit tree (a few hundred rows at most), read once per request. */
export async function loadTree(tx: Tx): Promise<UnitTree> {
  const rows = await tx.unit.findMany({ select: { id: true, parentId: true, commandLevel: true } });
  return { parentOf: new Map(rows.map((u) => [u.id, u.parentId])), isCommand: new Set(rows.filter((u) => u.commandLevel !== null).map((u) => u.id)) };
}

/** `unitId` and its ancestors, nearest first (stops on a loop). */
export function ancestry(tree: UnitTree, unitId: number): number[] {
  const out: number[] = [];
  let cur: number | null | undefined = unitId;
  while (cur !== null && cur !== undefined && !out.includes(cur)) {
    out.push(cur);
    cur = tree.parentOf.get(cur);
  }
  return out;
}

/** The nearest ancestor-or-self unit that is a command, or null. */
export function commandOf(tree: UnitTree, unitId: number): number | null {
  return ancestry(tree, unitId).find((u) => tree.isCommand.has(u)) ?? null;
}

const STAFF = new Set(['ADMIN', 'OFFICER', 'COMMANDER']);

/**
 * May the actor read what a command posts? Staff without a unit (a single-command install) read everything; staff
 * read their own command's lists and those of the commands below it; a UNIT account reads those of every command
 * above its unit (its subtree's commands), never a sibling command's.
 */
export function readsCommand(actor: Actor, tree: UnitTree, commandId: number): boolean {
  if (actor.unitId === null) return STAFF.has(actor.role);
  if (actor.role === 'UNIT') return ancestry(tree, actor.unitId).includes(commandId);
  const own = commandOf(tree, actor.unitId);
  return own !== null && ancestry(tree, commandId).includes(own);
}

/** Is the actor on the staff of this very command (posts its lists, answers comments)? */
export function staffOfCommand(actor: Actor, tree: UnitTree, commandId: number): boolean {
  if (!STAFF.has(actor.role)) return false;
  return actor.unitId === null || commandOf(tree, actor.unitId) === commandId;
}
