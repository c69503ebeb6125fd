-- The audit viewer's filter lists the actions that occur in the trail. A GROUP BY over the whole trail grew with
-- every write (bench: 440,000 rows, p95 1 s a view); with this index it is a loose index scan, one probe per action
-- (src/audit/viewer.ts). The entity types already have one ("AuditLog_entityType_entityId_idx").
CREATE INDEX "AuditLog_action_idx" ON "AuditLog"("action");
