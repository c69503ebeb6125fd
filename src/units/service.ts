import type { Db } from '../db/index.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { authorize, type Actor } from '../auth/policy.ts';
import { NotFoundError } from '../errors.ts';
import { foldText } from '../lib/forms.ts';
import { paged, type Page } from '../lib/paging.ts';
import { unitPicker, type Picker } from './picker.ts';

/** Text stored for accent-insensitive search: folded code, name and short name. */
export function unitSearchText(u: { code: string; name: string; shortName?: string | null }): string {
  return foldText([u.code, u.name, u.shortName ?? ''].join(' '));
}

/** Units list, searchable with or without diacritics ("cam pha" finds "Cẩm Phả"). */
export async function listUnits(prisma: Db, opts: { q?: string; includeInactive?: boolean }, p: Page) {
  const q = foldText(opts.q ?? '');
  const where = {
    ...(opts.includeInactive ? {} : { active: true }),
    ...(q ? { searchText: { contains: q } } : {}),
  };
  const [items, total] = await Promise.all([
    prisma.unit.findMany({
      where,
      orderBy: [{ parentId: { sort: 'asc', nulls: 'first' } }, { code: 'asc' }],
      skip: p.skip,
      take: p.size,
      include: { parent: { select: { id: true, code: true, name: true } } },
    }),
    prisma.unit.count({ where }),
  ]);
  return paged(items, total, p);
}

/**
 * One unit's page: staff see any unit, a unit account only its own (403 otherwise, checked before
 * anything is read so another unit's existence is not revealed by a 404).
 */
export async function getUnitDetail(prisma: Db, actor: Actor, id: number) {
  authorize(actor, 'unit.view', { unitId: id });
  const unit = await prisma.unit.findUnique({
    where: { id },
    include: {
      parent: { select: { id: true, code: true, name: true, active: true } },
      children: { orderBy: { code: 'asc' }, select: { id: true, code: true, name: true, type: true, active: true } },
      clusterMembers: { include: { cluster: { select: { id: true, name: true, leadUnitId: true } } }, orderBy: { cluster: { name: 'asc' } } },
      campaigns: {
        include: { campaign: { select: { id: true, name: true, status: true, startDate: true, endDate: true } } },
        orderBy: { campaign: { startDate: 'desc' } },
      },
      _count: { select: { users: true } },
    },
  });
  if (!unit) throw new NotFoundError();
  return unit;
}

export async function getUnit(prisma: Db, id: number) {
  const unit = await prisma.unit.findUnique({ where: { id } });
  if (!unit) throw new NotFoundError();
  return unit;
}

/**
 * The units that may be chosen as the parent of `forUnitId` (any unit when creating): active units other than the
 * unit itself and its descendants, plus the current parent even if it has been deactivated. Offered through the
 * unit picker (./picker.ts): every one in a province, a search beyond PICK_ALL (a national tree has thousands),
 * with `chosen` (the parent picked or posted) always among them.
 */
export async function parentOptions(prisma: Db, opts: { forUnitId?: number; uq?: string; chosen?: number | null } = {}): Promise<Picker> {
  const { forUnitId } = opts;
  const [unit, below] = forUnitId
    ? await Promise.all([
        prisma.unit.findUnique({ where: { id: forUnitId }, select: { parentId: true } }),
        prisma.$queryRaw<{ id: number }[]>`
          WITH RECURSIVE d AS (SELECT "id" FROM "Unit" WHERE "parentId" = ${forUnitId} UNION SELECT u."id" FROM "Unit" u JOIN d ON u."parentId" = d."id")
          SELECT "id" FROM d`,
      ])
    : [null, []];
  const current = unit?.parentId ?? null;
  const excluded = forUnitId ? [forUnitId, ...below.map((r) => r.id)] : [];
  const where: Prisma.UnitWhereInput = { AND: [current ? { OR: [{ active: true }, { id: current }] } : { active: true }, ...(excluded.length ? [{ id: { notIn: excluded } }] : [])] };
  return unitPicker(prisma, { uq: opts.uq, keep: [opts.chosen], keepMatching: true, where });
}

/** The fields of a unit worth keeping in the audit trail. */
export function unitSnapshot(u: { code: string; name: string; shortName: string | null; type: string; parentId: number | null; active: boolean }) {
  return { code: u.code, name: u.name, shortName: u.shortName, type: u.type, parentId: u.parentId, active: u.active };
}

/**
 * Serialise changes to the unit tree (parents), so two concurrent edits cannot build a cycle
 * between them. Held until the surrounding transaction ends.
 */
export async function lockUnitTree(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(7710301)`;
}
