import crypto from 'node:crypto';
import { unitPicker } from '../units/picker.ts';
import type { Db } from '../db/index.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { Actor } from '../auth/policy.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { recordAudit } from '../audit/service.ts';
import type { ClusterForm } from './schema.ts';

const unitBrief = { id: true, code: true, name: true, shortName: true, active: true } as const;
const withMembers = {
  leadUnit: { select: unitBrief },
  members: { include: { unit: { select: unitBrief } }, orderBy: { unit: { code: 'asc' } } },
} satisfies Prisma.ClusterInclude;

export type ClusterView = Prisma.ClusterGetPayload<{ include: typeof withMembers }>;

/** Someone saved the cluster after this form was loaded; carries what is saved now. */
export class ClusterChangedError extends ConflictError {
  constructor(public readonly current: ClusterView) {
    super('clusters.conflict');
  }
}

/**
 * A short fingerprint of what an edit form shows (name, leading unit, members). Clusters have no
 * version column, so the form carries this instead; a different value on save means a concurrent edit.
 */
export function clusterState(c: { name: string; leadUnitId: number | null; members: { unitId: number }[] }): string {
  const members = c.members.map((m) => m.unitId).sort((a, b) => a - b);
  return crypto.createHash('sha256').update(JSON.stringify([c.name, c.leadUnitId, members])).digest('hex').slice(0, 32);
}

function snapshot(c: { name: string; leadUnitId: number | null; members: { unitId: number }[] }) {
  return { name: c.name, leadUnitId: c.leadUnitId, memberIds: c.members.map((m) => m.unitId).sort((a, b) => a - b) };
}

export function listClusters(prisma: Db) {
  return prisma.cluster.findMany({ orderBy: { name: 'asc' }, include: withMembers });
}

export async function getCluster(prisma: Db | Prisma.TransactionClient, id: number): Promise<ClusterView> {
  const c = await prisma.cluster.findUnique({ where: { id }, include: withMembers });
  if (!c) throw new NotFoundError();
  return c;
}

/** Units offered as members: the active ones, plus any inactive unit already in the cluster. */
/**
 * The units the form offers: every active unit and the cluster's members while there are few (src/units/picker.ts);
 * a national list offers the members and the units ticked in the form, plus those matching the search `uq`.
 */
export function memberOptions(prisma: Db, clusterId: number | undefined, opts: { uq?: string; ticked?: number[] } = {}) {
  return unitPicker(prisma, {
    uq: opts.uq,
    keep: opts.ticked,
    where: { OR: [{ active: true }, ...(clusterId ? [{ clusterMembers: { some: { clusterId } } }] : [])] },
    orderBy: [{ parentId: { sort: 'asc', nulls: 'first' } }, { code: 'asc' }],
  });
}

/** Checks that need the database: unique name, members that exist and are active (or already members). */
async function check(tx: Prisma.TransactionClient, data: ClusterForm, self: ClusterView | null): Promise<void> {
  const clash = await tx.cluster.findFirst({ where: { name: { equals: data.name, mode: 'insensitive' } }, select: { id: true } });
  if (clash && clash.id !== self?.id) throw new ValidationError({ name: { key: 'clusters.errors.nameTaken' } });
  const ids = [...new Set(data.memberIds)];
  const units = await tx.unit.findMany({ where: { id: { in: ids } }, select: { id: true, active: true } });
  if (units.length !== ids.length) throw new ValidationError({ memberIds: { key: 'validation.choice' } });
  const already = new Set(self?.members.map((m) => m.unitId) ?? []);
  if (units.some((u) => !u.active && !already.has(u.id))) throw new ValidationError({ memberIds: { key: 'clusters.errors.inactiveMember' } });
}

function duplicateName(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}

export async function createCluster(prisma: Db, by: Actor, data: ClusterForm, requestId?: string) {
  try {
    return await prisma.$transaction(async (tx) => {
      await check(tx, data, null);
      const c = await tx.cluster.create({
        data: { name: data.name, leadUnitId: data.leadUnitId, members: { create: [...new Set(data.memberIds)].map((unitId) => ({ unitId })) } },
        include: { members: true },
      });
      await recordAudit(tx, { actorId: by.id, action: 'cluster.create', entityType: 'Cluster', entityId: c.id, after: snapshot(c), requestId });
      return c;
    });
  } catch (e) {
    if (duplicateName(e)) throw new ValidationError({ name: { key: 'clusters.errors.nameTaken' } });
    throw e;
  }
}

/** Save an edited cluster if it is still as the form showed it (`data.state`); otherwise ClusterChangedError. */
export async function updateCluster(prisma: Db, by: Actor, id: number, data: ClusterForm, requestId?: string) {
  try {
    return await prisma.$transaction(async (tx) => {
      // hold the row so two saves of the same cluster run one after the other
      await tx.$executeRaw`SELECT 1 FROM "Cluster" WHERE id = ${id} FOR UPDATE`;
      const before = await getCluster(tx, id);
      if (data.state !== clusterState(before)) throw new ClusterChangedError(before);
      await check(tx, data, before);
      const ids = [...new Set(data.memberIds)];
      await tx.clusterMember.deleteMany({ where: { clusterId: id, unitId: { notIn: ids } } });
      await tx.clusterMember.createMany({ data: ids.map((unitId) => ({ clusterId: id, unitId })), skipDuplicates: true });
      const after = await tx.cluster.update({ where: { id }, data: { name: data.name, leadUnitId: data.leadUnitId }, include: { members: true } });
      await recordAudit(tx, { actorId: by.id, action: 'cluster.update', entityType: 'Cluster', entityId: id, before: snapshot(before), after: snapshot(after), requestId });
      return after;
    });
  } catch (e) {
    if (duplicateName(e)) throw new ValidationError({ name: { key: 'clusters.errors.nameTaken' } });
    throw e;
  }
}

/** Delete a cluster and its memberships (units themselves are untouched). */
export async function deleteCluster(prisma: Db, by: Actor, id: number, requestId?: string) {
  return prisma.$transaction(async (tx) => {
    const before = await getCluster(tx, id);
    await tx.cluster.delete({ where: { id } });
    await recordAudit(tx, { actorId: by.id, action: 'cluster.delete', entityType: 'Cluster', entityId: id, before: snapshot(before), requestId });
    return before;
  });
}
