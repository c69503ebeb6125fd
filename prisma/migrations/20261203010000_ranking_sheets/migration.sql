-- National scale (issue 12): an O(1) ranking change signal, a pruned change log, and per unit × period score
-- sheets kept up to date by the writes themselves, so a ranking is computed from 60,000 sheets instead of
-- 1.8 million scores.

-- CreateTable
CREATE TABLE "RankingCounter" (
    "campaignId" INTEGER NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,
    "structure" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RankingCounter_pkey" PRIMARY KEY ("campaignId")
);

-- CreateTable
CREATE TABLE "ScoreSheet" (
    "periodId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "criterionIds" INTEGER[],
    "points" INTEGER[],
    "scorerId" INTEGER,
    "tx" xid8 NOT NULL DEFAULT pg_current_xact_id(),

    CONSTRAINT "ScoreSheet_pkey" PRIMARY KEY ("periodId","unitId")
);

-- CreateIndex
CREATE INDEX "ScoreSheet_campaignId_idx" ON "ScoreSheet"("campaignId");
CREATE INDEX "ScoreSheet_campaignId_tx_idx" ON "ScoreSheet"("campaignId", "tx");

-- The change signal. "RankingChange" rows (one per campaign and statement, see ranking_changes) become a
-- transaction's pending list: at commit a deferred trigger adds each to its campaign's counter and deletes it.
-- The counter row is locked only while the transaction commits, and it commits with the data, so equal
-- counters mean the same committed data; reading it is one primary-key lookup and the log stays empty.
-- "structure" counts the changes to anything but scores and assessments (criteria, periods, participants,
-- settings, unit names): while it stands still a cached ranking may be brought up to date from the score sheets
-- that changed since (ScoreSheet."tx") instead of being read again whole.
ALTER TABLE "RankingChange" ADD COLUMN "source" TEXT;
INSERT INTO "RankingCounter" ("campaignId", "n") SELECT "campaignId", count(*) FROM "RankingChange" GROUP BY 1;
DELETE FROM "RankingChange";

CREATE OR REPLACE FUNCTION "ranking_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO "RankingChange" ("campaignId", "source") SELECT DISTINCT c, %L FROM (' || TG_ARGV[0] || ') AS x(c) WHERE c IS NOT NULL ORDER BY c',
                 TG_TABLE_NAME, CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END);
  RETURN NULL;
END
$$;

CREATE FUNCTION "ranking_count"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s int := CASE WHEN NEW."source" IN ('Score', 'Assessment') THEN 0 ELSE 1 END;
BEGIN
  INSERT INTO "RankingCounter" AS k ("campaignId", "n", "structure") VALUES (NEW."campaignId", 1, s)
    ON CONFLICT ("campaignId") DO UPDATE SET "n" = k."n" + 1, "structure" = k."structure" + s;
  DELETE FROM "RankingChange" WHERE "id" = NEW."id";
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "RankingChange_count" AFTER INSERT ON "RankingChange"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ranking_count"();

-- Score sheets. Every statement writing scores rebuilds the sheets of the (period, unit) pairs it touched:
-- the criteria with points (ascending id), their points in hundredths, and the scorer of most of them (mode
-- over ascending ids, so a tie goes to the lowest id, as the ranking engine's rule says). The sheets are
-- locked first (created when missing), then recounted by a later statement, which under READ COMMITTED reads
-- a new snapshot: a concurrent writer of the same sheet has committed by then, so its scores are counted.
CREATE FUNCTION "score_sheet_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT "periodId", "unitId", "campaignId" FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT "periodId", "unitId", "campaignId" FROM old_rows'
    ELSE 'SELECT "periodId", "unitId", "campaignId" FROM new_rows UNION SELECT "periodId", "unitId", "campaignId" FROM old_rows' END;
BEGIN
  EXECUTE 'INSERT INTO "ScoreSheet" AS t ("periodId", "unitId", "campaignId")
           SELECT DISTINCT "periodId", "unitId", "campaignId" FROM (' || src || ') k ORDER BY 1, 2
           ON CONFLICT ("periodId", "unitId") DO UPDATE SET "campaignId" = EXCLUDED."campaignId"';
  EXECUTE 'UPDATE "ScoreSheet" t SET "criterionIds" = a.c, "points" = a.p, "scorerId" = a.s, "tx" = pg_current_xact_id()
           FROM (SELECT k."periodId", k."unitId",
                        coalesce(array_agg(s."criterionId" ORDER BY s."criterionId") FILTER (WHERE s."id" IS NOT NULL), ''{}'') AS c,
                        coalesce(array_agg(round(s."points" * 100)::int ORDER BY s."criterionId") FILTER (WHERE s."id" IS NOT NULL), ''{}'') AS p,
                        mode() WITHIN GROUP (ORDER BY s."scoredById") AS s
                 FROM (SELECT DISTINCT "periodId", "unitId" FROM (' || src || ') x) k
                 LEFT JOIN "Score" s ON s."periodId" = k."periodId" AND s."unitId" = k."unitId" AND s."points" IS NOT NULL
                 GROUP BY k."periodId", k."unitId") a
           WHERE t."periodId" = a."periodId" AND t."unitId" = a."unitId"';
  RETURN NULL;
END
$$;

CREATE TRIGGER "Score_sheet_ins" AFTER INSERT ON "Score" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "score_sheet_sync"();
CREATE TRIGGER "Score_sheet_upd" AFTER UPDATE ON "Score" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "score_sheet_sync"();
CREATE TRIGGER "Score_sheet_del" AFTER DELETE ON "Score" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "score_sheet_sync"();

-- the sheets of the scores already there
INSERT INTO "ScoreSheet" ("periodId", "unitId", "campaignId", "criterionIds", "points", "scorerId")
SELECT "periodId", "unitId", min("campaignId"),
       array_agg("criterionId" ORDER BY "criterionId"),
       array_agg(round("points" * 100)::int ORDER BY "criterionId"),
       mode() WITHIN GROUP (ORDER BY "scoredById")
FROM "Score" WHERE "points" IS NOT NULL
GROUP BY "periodId", "unitId";
ANALYZE "ScoreSheet";
