-- Decisions and awards are immutable once issued (Law on Emulation and Commendation: "one achievement, one
-- award"; a revocation is a separate recorded act). The app has no route that changes them; these triggers make
-- the database refuse it too, whatever code or person tries. Revocations are kept just as immutable.
CREATE OR REPLACE FUNCTION thidua_reject_award_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'thidua: % rows are immutable (% refused); record a revocation instead', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TRIGGER "AwardDecision_immutable"
  BEFORE UPDATE OR DELETE ON "AwardDecision"
  FOR EACH ROW EXECUTE FUNCTION thidua_reject_award_change();

CREATE TRIGGER "Award_immutable"
  BEFORE UPDATE OR DELETE ON "Award"
  FOR EACH ROW EXECUTE FUNCTION thidua_reject_award_change();

CREATE TRIGGER "AwardRevocation_immutable"
  BEFORE UPDATE OR DELETE ON "AwardRevocation"
  FOR EACH ROW EXECUTE FUNCTION thidua_reject_award_change();
