-- The dashboards' page signal (issue 12, src/web/page-cache.ts). A campaign's dashboards show, besides what its
-- ranking is computed from, pledges and their targets and progress, inspections, clusters, individual
-- registrations (people, titles) and the names of the participants' parent units. Every statement writing one of
-- those adds a "RankingChange" row with the source 'page:<table>', and at commit the deferred trigger adds it to a
-- third part of the campaign's counter, "pages", instead of "n": the ranking is not recomputed for them, and a
-- cached page is served only while both n and pages stand still (read before the data, like the ranking's).

ALTER TABLE "RankingCounter" ADD COLUMN "pages" BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION "page_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO "RankingChange" ("campaignId", "source") SELECT DISTINCT c, %L FROM (' || TG_ARGV[0] || ') AS x(c) WHERE c IS NOT NULL ORDER BY c',
                 'page:' || TG_TABLE_NAME, CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END);
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "ranking_count"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  p int := CASE WHEN NEW."source" LIKE 'page:%' THEN 1 ELSE 0 END;
  s int := CASE WHEN NEW."source" IN ('Score', 'Assessment') OR NEW."source" LIKE 'page:%' THEN 0 ELSE 1 END;
BEGIN
  INSERT INTO "RankingCounter" AS k ("campaignId", "n", "structure", "pages") VALUES (NEW."campaignId", 1 - p, s, p)
    ON CONFLICT ("campaignId") DO UPDATE SET "n" = k."n" + 1 - p, "structure" = k."structure" + s, "pages" = k."pages" + p;
  DELETE FROM "RankingChange" WHERE "id" = NEW."id";
  RETURN NULL;
END
$$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('Pledge', 'SELECT "campaignId" FROM %s'),
    ('PledgeTarget', 'SELECT p."campaignId" FROM %s r JOIN "Pledge" p ON p."id" = r."pledgeId"'),
    ('TargetProgress', 'SELECT p."campaignId" FROM %s r JOIN "Period" p ON p."id" = r."periodId"'),
    ('Inspection', 'SELECT "campaignId" FROM %s'),
    ('Cluster', 'SELECT cu."campaignId" FROM %s r JOIN "ClusterMember" m ON m."clusterId" = r."id" JOIN "CampaignUnit" cu ON cu."unitId" = m."unitId"'),
    ('ClusterMember', 'SELECT cu."campaignId" FROM %s r JOIN "CampaignUnit" cu ON cu."unitId" = r."unitId"'),
    ('IndividualRegistration', 'SELECT p."campaignId" FROM %s r JOIN "Pledge" p ON p."id" = r."pledgeId"'),
    ('Person', 'SELECT cu."campaignId" FROM %s r JOIN "CampaignUnit" cu ON cu."unitId" = r."unitId"'),
    ('CampaignTitle', 'SELECT "campaignId" FROM %s'),
    ('Unit', 'SELECT cu."campaignId" FROM %s r JOIN "Unit" c ON c."parentId" = r."id" JOIN "CampaignUnit" cu ON cu."unitId" = c."id"')
  ) AS v(tbl, sel) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "page_changed"(%L)', t.tbl || '_page_ins', t.tbl, t.sel);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "page_changed"(%L)', t.tbl || '_page_upd', t.tbl, t.sel);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "page_changed"(%L)', t.tbl || '_page_del', t.tbl, t.sel);
  END LOOP;
END
$$;
