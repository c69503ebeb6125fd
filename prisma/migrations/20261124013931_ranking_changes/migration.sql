-- CreateTable
CREATE TABLE "RankingChange" (
    "id" BIGSERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RankingChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RankingChange_campaignId_idx" ON "RankingChange"("campaignId");

-- Every statement that can change a live ranking records the campaigns it touches (statement triggers with
-- transition tables: one row per campaign and statement, however many rows it wrote; no lock is taken).
-- TG_ARGV[0] selects the campaign ids from the rows written, with %s standing for the transition table.
CREATE FUNCTION "ranking_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO "RankingChange" ("campaignId") SELECT DISTINCT c FROM (' || TG_ARGV[0] || ') AS x(c) WHERE c IS NOT NULL',
                 CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END);
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('Score', 'SELECT "campaignId" FROM %s'),
    ('Assessment', 'SELECT p."campaignId" FROM %s r JOIN "Period" p ON p."id" = r."periodId"'),
    ('Period', 'SELECT "campaignId" FROM %s'),
    ('Criterion', 'SELECT "campaignId" FROM %s'),
    ('CriteriaGroup', 'SELECT "campaignId" FROM %s'),
    ('CampaignUnit', 'SELECT "campaignId" FROM %s'),
    ('Campaign', 'SELECT "id" FROM %s'),
    ('Unit', 'SELECT cu."campaignId" FROM %s r JOIN "CampaignUnit" cu ON cu."unitId" = r."id"')
  ) AS v(tbl, sel) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ranking_changed"(%L)', t.tbl || '_ranking_ins', t.tbl, t.sel);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ranking_changed"(%L)', t.tbl || '_ranking_upd', t.tbl, t.sel);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "ranking_changed"(%L)', t.tbl || '_ranking_del', t.tbl, t.sel);
  END LOOP;
END
$$;
