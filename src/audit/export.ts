// CSV export of the filtered audit trail: UTF-8 with a BOM (Excel reads Vietnamese correctly), stable
// English column headers, written batch by batch with back-pressure so a large trail never sits in memory.
import { once } from 'node:events';
import type { Response } from 'express';
import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/policy.ts';
import { CSV_BOM, csvRecord, defuseFormula } from '../lib/csv.ts';
import { auditBatches, type AuditRow } from './viewer.ts';
import type { AuditFilter } from './schema.ts';

export const CSV_COLUMNS = [
  'id', 'at', 'username', 'user_name', 'action', 'entity_type', 'entity_id', 'campaign_id', 'campaign',
  'unit_id', 'unit', 'reason', 'changes', 'before', 'after', 'request_id',
] as const;

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

function csvLine(r: AuditRow): string {
  const changes = r.changes.map((c) => `${c.key}: ${c.before ?? '—'} → ${c.after ?? '—'}`).join('; ');
  const cells = [
    r.id, r.at.toISOString(), r.user?.username ?? '', r.user?.fullName ?? '', r.action, r.entityType, r.entityId,
    r.campaign ? String(r.campaign.id) : '', r.campaign?.name ?? '', r.unit ? String(r.unit.id) : '', r.unit?.name ?? '',
    r.reason ?? '', changes, json(r.before), json(r.after), r.requestId ?? '',
  ];
  return csvRecord(cells.map(defuseFormula));
}

/** Stream the filtered trail as CSV to the response; stops early if the client goes away. */
export async function writeAuditCsv(prisma: Db, actor: Actor, f: AuditFilter, res: Response, batchSize = 500): Promise<void> {
  const batches = auditBatches(prisma, actor, f, batchSize);
  const first = await batches.next(); // permission and query errors surface before any byte is sent
  const stamp = new Date().toISOString().slice(0, 10);
  res.attachment(`audit-${stamp}.csv`);
  res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Cache-Control': 'no-store' });
  res.write(CSV_BOM + csvRecord([...CSV_COLUMNS]));
  let batch = first;
  while (!batch.done) {
    if (res.destroyed) {
      await batches.return(undefined);
      return;
    }
    if (!res.write(batch.value.map(csvLine).join(''))) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    batch = await batches.next();
  }
  res.end();
}
