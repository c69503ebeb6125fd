// The chain of command's visibility: "each level sees what was sent to it and its own subtree, nothing else".
// A staff user's command is the nearest ancestor-or-self of their unit that has a commandLevel. Staff without one
// (admins with no unit, installations that never set up commands) see everything, as before the chain existed.
// Unit accounts are scoped elsewhere (by their own unit); here they see what the other rules let them see.
import type { Db, Tx } from '../db/index.ts';
import { Prisma, type IssuingLevel } from '../generated/prisma/client.ts';
import type { Actor } from '../auth/policy.ts';

export type Command = { id: number; name: string; shortName: string | null; commandLevel: IssuingLevel; parentId: number | null };
export type ChainScope = { all: true; command: null } | { all: false; command: Command; subtree: number[] };

const ALL: ChainScope = { all: true, command: null };
// one lookup per request: the session's user object is made afresh for every request
const cache = new WeakMap<Actor, Promise<ChainScope>>();

/**
 * SQL: the CTEs `up` (a unit and its ancestors, nearest first) and `cmd` (the nearest of them with a commandLevel),
 * to open a `WITH RECURSIVE` statement that goes on with `, more AS (…) SELECT …`.
 */
function nearestCommandCtes(unitId: number): Prisma.Sql {
  return Prisma.sql`
    WITH RECURSIVE up AS (
      SELECT "id", "parentId", "commandLevel", 0 AS depth FROM "Unit" WHERE "id" = ${unitId}
      UNION ALL
      SELECT u."id", u."parentId", u."commandLevel", up.depth + 1 FROM "Unit" u JOIN up ON u."id" = up."parentId" WHERE up.depth < 64
    ), cmd AS (
      SELECT "id" FROM up WHERE "commandLevel" IS NOT NULL ORDER BY depth LIMIT 1
    )`;
}

/** The nearest command at or above a unit (null when none is set up above it). */
export async function commandOf(prisma: Tx, unitId: number | null): Promise<Command | null> {
  if (unitId === null) return null;
  const rows = await prisma.$queryRaw<{ id: number }[]>`${nearestCommandCtes(unitId)} SELECT "id" FROM cmd`;
  if (!rows.length) return null;
  const u = await prisma.unit.findUnique({ where: { id: Number(rows[0].id) }, select: { id: true, name: true, shortName: true, commandLevel: true, parentId: true } });
  return u && u.commandLevel ? { ...u, commandLevel: u.commandLevel } : null;
}

/** The command directly above a command (its parent's nearest command), or null at the top. */
export async function parentCommand(prisma: Tx, command: { parentId: number | null }): Promise<Command | null> {
  return commandOf(prisma, command.parentId);
}

/** Ids of a unit and every unit below it. */
export async function subtreeIds(prisma: Tx, unitId: number): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE down AS (
      SELECT "id", 0 AS depth FROM "Unit" WHERE "id" = ${unitId}
      UNION ALL
      SELECT u."id", down.depth + 1 FROM "Unit" u JOIN down ON u."parentId" = down."id" WHERE down.depth < 64
    )
    SELECT "id" FROM down`;
  return rows.map((r) => Number(r.id));
}

/**
 * The actor's command and its subtree in one statement (commandOf and subtreeIds together: every staff page asks),
 * with the unit tree's version read in the same snapshot (null before the first migration that keeps it).
 */
async function load(prisma: Tx, unitId: number): Promise<{ tree: string | null; scope: ChainScope }> {
  const rows = await prisma.$queryRaw<(Omit<Command, 'commandLevel' | 'id'> & { id: number | null; commandLevel: IssuingLevel; subtree: number[] | null; tree: string | null })[]>`
    ${nearestCommandCtes(unitId)}, down AS (
      SELECT "id", 0 AS depth FROM "Unit" WHERE "id" = (SELECT "id" FROM cmd)
      UNION ALL
      SELECT u."id", down.depth + 1 FROM "Unit" u JOIN down ON u."parentId" = down."id" WHERE down.depth < 64
    )
    SELECT (SELECT t."n"::text FROM "UnitTree" t WHERE t."id" = 1) AS tree,
      c."id", c."name", c."shortName", c."commandLevel"::text AS "commandLevel", c."parentId", (SELECT array_agg("id") FROM down) AS subtree
    FROM (SELECT 1) one LEFT JOIN "Unit" c ON c."id" = (SELECT "id" FROM cmd)`;
  const { subtree, tree, ...c } = rows[0];
  if (c.id === null) return { tree, scope: ALL };
  const command = Object.freeze({ ...c, id: Number(c.id), parentId: c.parentId === null ? null : Number(c.parentId) });
  return { tree, scope: Object.freeze({ all: false, command, subtree: Object.freeze((subtree ?? []).map(Number)) as number[] }) };
}

/**
 * Scopes kept across requests, per database client and unit, under the unit tree's version ("UnitTree", moved in
 * the commit of every write to a unit's parent, command level or names and of every unit added or removed; see the
 * migration unit_tree). A request reads the version with its session (src/auth/request-user.ts) and takes a kept
 * scope only when that scope was read at the same version, so a scope is never older than the request.
 */
const kept = new WeakMap<Db, Map<number, { tree: string; scope: ChainScope }>>();
const MAX_KEPT = 2_000;
const trees = new WeakMap<Actor, { db: Db; tree: string }>();

/** The unit tree's version, read at the start of the request whose actor this is. */
export function noteTree(db: Db, actor: Actor, tree: string | null): void {
  if (tree !== null) trees.set(actor, { db, tree });
}

/** The scope kept for the actor's unit at the version its request began with, if there is one. */
function keptHit(actor: Actor): ChainScope | undefined {
  const at = trees.get(actor);
  const hit = at && actor.unitId !== null ? kept.get(at.db)?.get(actor.unitId) : undefined;
  return hit && hit.tree === at!.tree ? hit.scope : undefined;
}

async function keptScope(prisma: Tx, actor: Actor & { unitId: number }): Promise<ChainScope> {
  const hit = keptHit(actor);
  if (hit) return hit;
  const { tree, scope } = await load(prisma, actor.unitId);
  const at = trees.get(actor);
  if (at && tree !== null) {
    let map = kept.get(at.db);
    if (!map) kept.set(at.db, (map = new Map()));
    map.delete(actor.unitId);
    map.set(actor.unitId, { tree, scope });
    if (map.size > MAX_KEPT) map.delete(map.keys().next().value!);
  }
  return scope;
}

/** What the actor's command may see (one lookup a request at most; none while the unit tree stands still). */
export function chainScope(prisma: Tx, actor: Actor): Promise<ChainScope> {
  let p = cache.get(actor);
  if (!p) {
    p = actor.role === 'UNIT' || actor.unitId === null ? Promise.resolve(ALL) : keptScope(prisma, actor as Actor & { unitId: number });
    cache.set(actor, p);
    p.catch(() => cache.delete(actor));
  }
  return p;
}

/** Campaigns owned by the actor's command or a command below it (null owner: every staff account). */
export function campaignWhere(scope: ChainScope): Prisma.CampaignWhereInput {
  if (scope.all) return {};
  return { OR: [{ commandUnitId: null }, { commandUnitId: { in: scope.subtree } }] };
}

/** Proposals of the actor's subtree, and those sent to the actor's command. */
export function proposalWhere(scope: ChainScope): Prisma.AwardProposalWhereInput {
  if (scope.all) return {};
  const me = scope.command.id;
  return { OR: [{ commandUnitId: null }, { commandUnitId: { in: scope.subtree } }, { holderUnitId: me }, { steps: { some: { toUnitId: me } } }] };
}

/** Decisions on proposals the actor may see. */
export function decisionWhere(scope: ChainScope): Prisma.AwardDecisionWhereInput {
  return scope.all ? {} : { proposal: proposalWhere(scope) };
}

/** Awards of decisions the actor may see. */
export function awardWhere(scope: ChainScope): Prisma.AwardWhereInput {
  return scope.all ? {} : { decision: decisionWhere(scope) };
}

/**
 * Whether the actor's command sees a campaign owned by `commandUnitId`: campaignVisible(chainScope(actor), campaign)
 * in one statement (walking up from the campaign's command instead of listing the actor's subtree, 5,000 ids for a
 * national command), unless this request already holds the actor's scope or one is kept at its tree version.
 */
export async function commandSees(prisma: Tx, actor: Actor, commandUnitId: number | null): Promise<boolean> {
  if (actor.role === 'UNIT' || commandUnitId === null || actor.unitId == null) return true;
  const held = cache.get(actor) ?? keptHit(actor);
  if (held) return campaignVisible(await held, { commandUnitId });
  const rows = await prisma.$queryRaw<{ sees: boolean }[]>`
    ${nearestCommandCtes(actor.unitId)}, owner AS (
      SELECT "id", "parentId", 0 AS depth FROM "Unit" WHERE "id" = ${commandUnitId}
      UNION ALL
      SELECT u."id", u."parentId", owner.depth + 1 FROM "Unit" u JOIN owner ON u."id" = owner."parentId" WHERE owner.depth < 64
    )
    SELECT (NOT EXISTS (SELECT 1 FROM cmd) OR EXISTS (SELECT 1 FROM owner JOIN cmd ON cmd."id" = owner."id")) AS "sees"`;
  return Boolean(rows[0]?.sees);
}

/** Whether a campaign belongs to the actor's subtree (or to nobody). */
export function campaignVisible(scope: ChainScope, campaign: { commandUnitId: number | null }): boolean {
  return scope.all || campaign.commandUnitId === null || scope.subtree.includes(campaign.commandUnitId);
}
