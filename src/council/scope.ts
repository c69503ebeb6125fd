// Which command a user belongs to, and so which council they see: staff see the council of the nearest unit at or
// above their own that is a deciding command (Unit.commandLevel); an administrator with no unit sees every command.
import type { Tx } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { NotFoundError } from '../errors.ts';

/** The nearest unit at or above `unitId` that is a command, or null (a unit outside any command). */
export async function commandOf(tx: Tx, unitId: number): Promise<number | null> {
  let id: number | null = unitId;
  for (let depth = 0; id !== null && depth < 32; depth++) {
    const u: { id: number; parentId: number | null; commandLevel: string | null } | null = await tx.unit.findUnique({ where: { id }, select: { id: true, parentId: true, commandLevel: true } });
    if (!u) return null;
    if (u.commandLevel) return u.id;
    id = u.parentId;
  }
  return null;
}

/** 'ALL' for an administrator without a unit; otherwise the actor's command (null: none, so nothing to see). */
export async function actorCommand(tx: Tx, actor: Actor): Promise<number | 'ALL' | null> {
  if (actor.unitId === null) return actor.role === 'ADMIN' ? 'ALL' : null;
  return commandOf(tx, actor.unitId);
}

/** A Prisma `where` on Council limiting it to what the actor may see. */
export async function councilWhere(tx: Tx, actor: Actor): Promise<{ unitId?: number }> {
  const scope = await actorCommand(tx, actor);
  return scope === 'ALL' ? {} : { unitId: scope ?? -1 };
}

/** Refuse (as "not found", so nothing leaks) a council of another command. */
export async function assertCommand(tx: Tx, actor: Actor, unitId: number): Promise<void> {
  const scope = await actorCommand(tx, actor);
  if (scope !== 'ALL' && scope !== unitId) throw new NotFoundError();
}
