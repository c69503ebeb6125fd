-- The scoring completeness kept on the dashboards catches up like the ranking does (issue 12,
-- src/dashboards/completeness.ts): after a save it counts again only the (period, unit) pairs written since the
-- snapshot it was counted in, instead of every period × unit of the campaign (60,000 at national scale, 75–85 ms of
-- PostgreSQL on every dashboard view after a save). A pair's bucket depends on its scores, whose writes already
-- move ScoreSheet."tx" (every statement on Score rewrites the sheets it touched, self-assessed points included), and
-- on its assessment, which now carries the transaction that last wrote it as well.
ALTER TABLE "Assessment" ADD COLUMN "tx" xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE FUNCTION "assessment_tx"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."tx" := pg_current_xact_id();
  RETURN NEW;
END
$$;

CREATE TRIGGER "Assessment_tx" BEFORE UPDATE ON "Assessment" FOR EACH ROW EXECUTE FUNCTION "assessment_tx"();

CREATE INDEX "Assessment_tx_idx" ON "Assessment"("tx");

-- A deleted assessment leaves no row to find by its transaction, so a delete counts as a change of structure (the
-- counter's "structure" part: whatever is kept is read again whole, the ranking as well). Assessments are deleted
-- only with their period or unit, which are such changes already.
CREATE FUNCTION "assessment_removed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RankingChange" ("campaignId", "source")
  SELECT DISTINCT p."campaignId", 'Assessment:delete' FROM old_rows r JOIN "Period" p ON p."id" = r."periodId" ORDER BY 1;
  RETURN NULL;
END
$$;

DROP TRIGGER "Assessment_ranking_del" ON "Assessment";
CREATE TRIGGER "Assessment_ranking_del" AFTER DELETE ON "Assessment" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "assessment_removed"();
