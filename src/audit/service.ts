import type { Prisma } from '../generated/prisma/client.ts';
import type { Tx } from '../db/index.ts';

export type AuditEntry = {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: string | number;
  campaignId?: number | null;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  requestId?: string | null;
};

/** Plain JSON for the trail: Decimals as strings, Dates as ISO, BigInts as strings. */
export function auditJson(v: unknown): Prisma.InputJsonValue | undefined {
  if (v === undefined || v === null) return undefined;
  return JSON.parse(
    JSON.stringify(v, (_k, val: unknown) => (typeof val === 'bigint' ? val.toString() : val)),
  ) as Prisma.InputJsonValue;
}

/** Append one record to the audit trail, inside the caller's transaction so both land or neither. */
export async function recordAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      userId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: String(e.entityId),
      campaignId: e.campaignId ?? null,
      unitId: e.unitId ?? null,
      before: auditJson(e.before),
      after: auditJson(e.after),
      reason: e.reason ?? null,
      requestId: e.requestId ?? null,
    },
  });
}
