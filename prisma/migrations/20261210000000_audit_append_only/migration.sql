-- The audit trail is append-only. The app never changes or deletes a record (it only adds them); these triggers make
-- the database refuse it too, whatever code or person tries. The one change let through is a record's user link set
-- to NULL, and nothing else with it: what the foreign key does when a user account is deleted. The viewer relies on
-- it as well: what it lists of a record is kept by the record's id (src/audit/score-saves.ts).
CREATE FUNCTION thidua_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."userId" IS NULL
     AND (NEW."id", NEW."at", NEW."action", NEW."entityType", NEW."entityId", NEW."campaignId", NEW."unitId", NEW."before", NEW."after", NEW."reason", NEW."requestId")
         IS NOT DISTINCT FROM
         (OLD."id", OLD."at", OLD."action", OLD."entityType", OLD."entityId", OLD."campaignId", OLD."unitId", OLD."before", OLD."after", OLD."reason", OLD."requestId") THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'thidua: the audit trail is append-only (% of a record refused)', TG_OP;
END;
$$;

CREATE TRIGGER "AuditLog_append_only"
  BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION thidua_audit_append_only();
