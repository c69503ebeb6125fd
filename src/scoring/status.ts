// Assessment status per (period, unit): DRAFT → SUBMITTED → (RETURNED →) VERIFIED.
// Only VERIFIED cells count in the official ranking, so every path that writes official points
// settles the status here, in the same transaction.
import type { Prisma } from '../generated/prisma/client.ts';
import type { Actor } from '../auth/policy.ts';
import { recordAudit } from '../audit/service.ts';

type Status = 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'VERIFIED';

/**
 * After an officer's save: a unit whose every criterion now has official points is VERIFIED (by this
 * officer, now); a unit with some points but not all stays or becomes DRAFT (a verified unit whose
 * score was cleared loses its verification); a submitted or returned self-assessment is left alone
 * until it is complete. Returns how many units are now verified by this save.
 */
export async function settleAfterOfficialSave(
  tx: Prisma.TransactionClient,
  actor: Actor,
  opts: { campaignId: number; periodId: number; unitIds: number[]; criteriaCount: number; changedUnitIds: Set<number>; requestId?: string },
): Promise<{ verified: number[]; draft: number[] }> {
  const { periodId, unitIds } = opts;
  if (unitIds.length === 0) return { verified: [], draft: [] };
  // filled cells from the unit's score sheet (the criteria with points, kept by the triggers on Score inside this
  // transaction: see the migration ranking_sheets) and the status, in one statement that also re-verifies, as this
  // save, the units that were verified, are still complete and had a cell changed: no status change, no audit row
  // (every save of verified units comes here; a second statement for it cost a round trip a save)
  const now = new Date();
  const changed = [...opts.changedUnitIds];
  const rows = await tx.$queryRaw<{ unitId: number; filled: number; status: Status | null }[]>`
    WITH k AS (
      SELECT k."unitId", coalesce(cardinality(sh."criterionIds"), 0)::int AS "filled", a."status"::text AS "status"
      FROM unnest(${unitIds}::int[]) AS k("unitId")
      LEFT JOIN "ScoreSheet" sh ON sh."periodId" = ${periodId} AND sh."unitId" = k."unitId"
      LEFT JOIN "Assessment" a ON a."periodId" = ${periodId} AND a."unitId" = k."unitId"
    ), re AS (
      UPDATE "Assessment" a SET "verifiedById" = ${actor.id}, "verifiedAt" = ${now}, "returnReason" = NULL, "version" = a."version" + 1, "updatedAt" = ${now}
      FROM k
      WHERE a."periodId" = ${periodId} AND a."unitId" = k."unitId" AND k."status" = 'VERIFIED' AND ${opts.criteriaCount}::int > 0
        AND k."filled" >= ${opts.criteriaCount}::int AND k."unitId" = ANY(${changed}::int[])
    )
    SELECT k."unitId", k."filled", k."status" FROM k`;
  const filled = new Map(rows.map((r) => [r.unitId, r.filled]));
  const byUnit = new Map(rows.filter((r) => r.status !== null).map((r) => [r.unitId, { status: r.status! }]));
  const verified: number[] = [];
  const draft: number[] = [];
  for (const unitId of unitIds) {
    const n = filled.get(unitId) ?? 0;
    const cur = byUnit.get(unitId);
    const from: Status | null = cur?.status ?? null;
    let to: Status | null = from;
    if (opts.criteriaCount > 0 && n >= opts.criteriaCount) to = 'VERIFIED';
    else if (from === 'VERIFIED' || (from === null && n > 0)) to = 'DRAFT';
    const reverify = to === 'VERIFIED' && from === 'VERIFIED' && opts.changedUnitIds.has(unitId);
    if (to === from && !reverify) {
      if (to === 'VERIFIED') verified.push(unitId);
      continue;
    }
    if (reverify) {
      // still verified, now by this save: the statement above moved its verification (a data-modifying WITH always
      // runs to completion, read or not)
      verified.push(unitId);
      continue;
    }
    const data = to === 'VERIFIED'
      ? { status: to, verifiedById: actor.id, verifiedAt: now, returnReason: null }
      : { status: to as Status, verifiedById: null, verifiedAt: null };
    const saved = await tx.assessment.upsert({
      where: { periodId_unitId: { periodId, unitId } },
      create: { periodId, unitId, ...data },
      update: { ...data, version: { increment: 1 } },
    });
    if (to === 'VERIFIED') verified.push(unitId);
    else draft.push(unitId);
    if (to !== from) {
      await recordAudit(tx, {
        actorId: actor.id, action: to === 'VERIFIED' ? 'assessment.verify' : 'assessment.status', entityType: 'Assessment',
        entityId: saved.id, campaignId: opts.campaignId, unitId, before: { status: from, periodId }, after: { status: to, periodId }, requestId: opts.requestId,
      });
    }
  }
  return { verified, draft };
}
